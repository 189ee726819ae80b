// The agent's durable command memory (commands.json in its state dir, written atomically):
//   executed   ids already run (with their expiresAt, so they can be forgotten once expired —
//              an expired command is refused by its window anyway); survives restarts, which
//              is what makes a redelivered command's effect happen exactly once
//   outbox     receipts not yet acknowledged by the server, re-sent before the next poll
//   isolation  the simulated host's network isolation state
//   lastKnownGood  the plugin set rollback_runtime restores
//   pendingInventory  redo record: an executed command's inventory, until inventory.json has it
import path from "node:path";
import type { Plugin } from "../../lib/protocol/hosts.ts";
import { readJson, writeJsonAtomic } from "../state-dir.ts";
import type { Isolation } from "./simulated-effects.ts";

export type ReceiptBody = {
  status: "received" | "succeeded" | "failed" | "rejected";
  at: string;
  result?: Record<string, unknown>;
  reason?: string;
};
export type OutboxItem = { commandId: string; body: ReceiptBody };
type StoreFile = {
  executed: Record<string, { at: string; expiresAt: string; status: string }>;
  outbox: OutboxItem[];
  isolation: Isolation;
  lastKnownGood: Plugin[];
  pendingInventory: Plugin[] | null;
};

export class CommandStore {
  private constructor(
    private readonly file: string,
    public data: StoreFile,
  ) {}

  static async open(stateDir: string, inventory: Plugin[]): Promise<CommandStore> {
    const file = path.join(stateDir, "commands.json");
    const existing = await readJson<StoreFile>(file);
    // First start: today's plugin set is the last known good one.
    const data = existing ?? {
      executed: {},
      outbox: [],
      isolation: { isolated: false, allow: [], since: null },
      lastKnownGood: inventory,
      pendingInventory: null,
    };
    const s = new CommandStore(file, data);
    if (!existing) await s.save();
    return s;
  }

  has(id: string) {
    return id in this.data.executed;
  }

  async save() {
    await writeJsonAtomic(this.file, this.data);
  }

  /** Forget executed ids whose commands expired long ago (they would fail the window check). */
  prune(now: Date) {
    for (const [id, e] of Object.entries(this.data.executed)) {
      if (Date.parse(e.expiresAt) + 3600_000 < now.getTime()) delete this.data.executed[id];
    }
  }
}
