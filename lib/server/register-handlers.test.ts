import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { notifyCommandStep } from "../commands/step-hook.ts";
import type { Tx } from "../db/transaction.ts";
import { assertTimerKindRegistered, registeredTimerHandlers } from "../timers/timer-registry.ts";
import { registerHandlers } from "./register-handlers.ts";

// Every timer kind the code names (`export const X_TIMER = "kind"`), read from the source so a
// new kind without a registered handler fails here, not in production.
function timerKindsInSource(dir = path.resolve("lib")): string[] {
  const kinds: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== "generated") kinds.push(...timerKindsInSource(p));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) {
      for (const m of fs.readFileSync(p, "utf8").matchAll(/export const \w*TIMER\w* = "([^"]+)"/g))
        kinds.push(m[1]);
    }
  }
  return kinds;
}

// A transaction client that fails on first use: proves a call reached the code behind the hook.
const tripwire = new Proxy(
  {},
  {
    get: () => {
      throw new Error("reached the playbook");
    },
  },
) as Tx;

describe("composition root (lib/server/register-handlers.ts)", () => {
  it("without it, finishing a step-linked command and scheduling a timer fail loudly", async () => {
    await expect(notifyCommandStep(tripwire, "step", "succeeded", "request")).rejects.toThrow(
      /command-step completion is not wired/,
    );
    expect(() => assertTimerKindRegistered("playbook.sla")).toThrow(/no handler is registered/);
  });

  it("registers a handler for every timer kind in lib/ and wires command steps to playbooks", async () => {
    registerHandlers();
    const kinds = timerKindsInSource();
    expect(kinds.length).toBeGreaterThanOrEqual(9);
    expect(Object.keys(registeredTimerHandlers()).sort()).toEqual([...new Set(kinds)].sort());
    await expect(notifyCommandStep(tripwire, "step", "succeeded", "request")).rejects.toThrow(
      "reached the playbook",
    );
  });
});
