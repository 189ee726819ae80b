// The agent's durable event queue: an append-only JSON-lines log in the state dir.
//   {"n":7,"e":{…event…}}   event number 7 was generated (written, fsynced, then sendable)
//   {"k":["<eventId>",…]}    these events got a 200 and are done
// Invariants: an event is on disk before it is ever sent, and leaves only after a 200, so a
// crash at any point loses nothing; a resend after a crash carries the same eventId and
// the server counts it as a duplicate, so nothing is stored twice. The log is rewritten
// (tmp + fsync + rename) once acknowledged lines dominate it.
import fs from "node:fs";
import path from "node:path";
import type { WireEvent as WireEvent } from "../lib/protocol/events.ts";

export type QueuedEvent = { id: string; json: string; bytes: number };

const COMPACT_MIN_LINES = 20_000;

/** Every eventId the queue log in `dir` says was generated, for the tests and the soak that
 *  compare it with what the server stored. Compaction drops acknowledged events, so a log sees
 *  them all only while it stays under COMPACT_MIN_LINES lines. */
export function generatedEventIds(dir: string): string[] {
  return fs
    .readFileSync(path.join(dir, "queue.log"), "utf8")
    .split("\n")
    .filter(Boolean)
    .flatMap((l) => {
      const r = JSON.parse(l) as { e?: { eventId: string } };
      return r.e ? [r.e.eventId] : [];
    });
}

export class EventQueue {
  private pending = new Map<string, QueuedEvent>();
  private fh: fs.promises.FileHandle | null = null;
  private lines = 0;
  private chain: Promise<unknown> = Promise.resolve();
  /** How many events this host has generated over its whole life (survives restarts). */
  generated = 0;

  private constructor(private readonly file: string) {}

  static async open(dir: string): Promise<EventQueue> {
    const q = new EventQueue(path.join(dir, "queue.log"));
    await q.load();
    return q;
  }

  get size() {
    return this.pending.size;
  }

  private async load() {
    let text = "";
    try {
      text = await fs.promises.readFile(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    // A crash mid-append can leave a torn last line: it was never fsynced, so it was never
    // sent either; drop it (and cut it off the file so new appends start on a clean line).
    const end = text.lastIndexOf("\n") + 1;
    if (end < text.length) await fs.promises.truncate(this.file, end);
    for (const line of text.slice(0, end).split("\n")) {
      if (!line) continue;
      this.lines++;
      const rec = JSON.parse(line) as { n?: number; e?: WireEvent; k?: string[] };
      if (rec.n !== undefined) this.generated = Math.max(this.generated, rec.n);
      if (rec.e) {
        const json = JSON.stringify(rec.e);
        this.pending.set(rec.e.eventId, {
          id: rec.e.eventId,
          json,
          bytes: Buffer.byteLength(json),
        });
      }
      for (const id of rec.k ?? []) this.pending.delete(id);
    }
    this.fh = await fs.promises.open(this.file, "a", 0o600);
  }

  /** Serialises file writes: appends, acks and compaction never interleave. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => {});
    return next;
  }

  /** Durably appends events; only after this resolves may they be sent. */
  append(events: WireEvent[]): Promise<void> {
    if (!events.length) return Promise.resolve();
    return this.exclusive(async () => {
      let out = "";
      const added: QueuedEvent[] = [];
      let n = this.generated;
      for (const e of events) {
        const json = JSON.stringify(e);
        out += `{"n":${++n},"e":${json}}\n`;
        added.push({ id: e.eventId, json, bytes: Buffer.byteLength(json) });
      }
      await this.fh!.write(out);
      await this.fh!.datasync();
      this.lines += events.length;
      // The count and the queue move together, after the write is durable: "generated its
      // quota and the queue is empty" must mean every event was sent, never "some are still
      // being written" (a finite run stopped there, leaving the last events unsent).
      this.generated = n;
      for (const q of added) this.pending.set(q.id, q);
    });
  }

  /** Oldest-first batch within the protocol's count and byte limits. */
  peek(maxEvents: number, maxBytes: number): QueuedEvent[] {
    const batch: QueuedEvent[] = [];
    let bytes = 16; // {"events":[ … ]}
    for (const q of this.pending.values()) {
      if (batch.length >= maxEvents || (batch.length > 0 && bytes + q.bytes + 1 > maxBytes)) break;
      batch.push(q);
      bytes += q.bytes + 1;
    }
    return batch;
  }

  /** Removes events the server committed (200) or refused for good (moved to dead letters). */
  ack(ids: string[]): Promise<void> {
    if (!ids.length) return Promise.resolve();
    return this.exclusive(async () => {
      await this.fh!.write(JSON.stringify({ k: ids }) + "\n");
      await this.fh!.datasync();
      this.lines++;
      for (const id of ids) this.pending.delete(id);
      if (this.lines > COMPACT_MIN_LINES && this.lines > 4 * (this.pending.size + 1))
        await this.compact();
    });
  }

  private async compact() {
    const tmp = this.file + ".tmp";
    let out = `{"n":${this.generated}}\n`;
    for (const q of this.pending.values()) out += `{"e":${q.json}}\n`;
    const fh = await fs.promises.open(tmp, "w", 0o600);
    try {
      await fh.write(out);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await this.fh!.close();
    await fs.promises.rename(tmp, this.file);
    await syncDir(path.dirname(this.file));
    this.fh = await fs.promises.open(this.file, "a", 0o600);
    this.lines = this.pending.size + 1;
  }

  async close() {
    await this.exclusive(async () => {
      await this.fh?.close();
      this.fh = null;
    });
  }
}

export async function syncDir(dir: string) {
  const d = await fs.promises.open(dir, "r");
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}
