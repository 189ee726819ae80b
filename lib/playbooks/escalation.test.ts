import { describe, expect, it } from "vitest";
import { dueEscalationLevels, escalationDueAt, escalationTarget, slaDueAt } from "./escalation.ts";

const esc = {
  levels: [
    { afterMinutes: 10, notify: { role: "commander" } },
    { afterMinutes: 20, notify: { managers: true as const } },
  ],
  repeatEveryMinutes: 15,
};
const t0 = new Date("2026-11-21T03:00:00.000Z");
const at = (min: number) => new Date(t0.getTime() + min * 60_000);

describe("SLA and escalation evaluation (injected clock)", () => {
  it("computes the SLA due time, scaled", () => {
    expect(slaDueAt(t0, 10, 60_000)).toEqual(at(10));
    expect(slaDueAt(t0, 10, 100)?.getTime()).toBe(t0.getTime() + 1000);
    expect(slaDueAt(t0, undefined, 60_000)).toBeNull();
  });
  it("fires levels in order and repeats the last one", () => {
    expect(dueEscalationLevels(t0, esc, 0, at(9.99), 60_000)).toEqual([]);
    expect(dueEscalationLevels(t0, esc, 0, at(10), 60_000)).toEqual([0]);
    expect(dueEscalationLevels(t0, esc, 1, at(20), 60_000)).toEqual([1]);
    expect(dueEscalationLevels(t0, esc, 0, at(50), 60_000)).toEqual([0, 1, 2, 3]);
    expect(escalationDueAt(t0, esc, 3, 60_000)).toEqual(at(50));
    expect(escalationTarget(esc, 0)).toEqual({ role: "commander" });
    expect(escalationTarget(esc, 5)).toEqual({ managers: true });
  });
  it("stops after the last level when the chain does not repeat", () => {
    const once = { levels: esc.levels };
    expect(escalationDueAt(t0, once, 2, 60_000)).toBeNull();
    expect(dueEscalationLevels(t0, once, 0, at(500), 60_000)).toEqual([0, 1]);
  });
});
