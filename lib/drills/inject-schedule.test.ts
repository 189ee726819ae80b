import { describe, expect, it } from "vitest";
import { changeClock, elapsedAt, startClock } from "./drill-clock.ts";
import { dueInjects, isExpired, nextWake, type ScheduledInject } from "./inject-schedule.ts";

// A fake wall clock: the scheduler never reads the real one.
const T0 = Date.UTC(2026, 11, 3, 9, 0, 0);
const at = (s: number) => T0 + s * 1000;
const injects = (): ScheduledInject[] => [
  { index: 0, atSeconds: 0, status: "pending" },
  { index: 2, atSeconds: 60, status: "pending" },
  { index: 1, atSeconds: 60, status: "pending" },
  { index: 3, atSeconds: 300, status: "pending" },
];
const fire = (list: ScheduledInject[], elapsedMs: number) => {
  const due = dueInjects(list, elapsedMs);
  for (const d of due) d.status = "fired";
  return due.map((d) => d.index);
};

describe("inject scheduler", () => {
  it("fires due injects in time order, then file order, and wakes for the next one", () => {
    const clock = startClock(T0);
    const list = injects();
    expect(fire(list, elapsedAt(clock, at(0)))).toEqual([0]);
    expect(nextWake(clock, list, 600)).toEqual({ drillDueMs: 60_000, wallAt: at(60) });
    expect(fire(list, elapsedAt(clock, at(59)))).toEqual([]);
    expect(fire(list, elapsedAt(clock, at(61)))).toEqual([1, 2]);
    expect(nextWake(clock, list, 600).wallAt).toBe(at(300));
    expect(fire(list, elapsedAt(clock, at(300)))).toEqual([3]);
    // After the last inject the driver wakes for the end of the drill.
    expect(nextWake(clock, list, 600)).toEqual({ drillDueMs: 600_000, wallAt: at(600) });
    expect(isExpired(clock, 600, at(599))).toBe(false);
    expect(isExpired(clock, 600, at(600))).toBe(true);
  });

  it("holds every inject while paused and shifts them by the pause on resume", () => {
    let clock = startClock(T0);
    const list = injects();
    fire(list, elapsedAt(clock, at(0)));
    clock = changeClock(clock, at(30), 0); // pause at T+30
    expect(nextWake(clock, list, 600).wallAt).toBeNull();
    // Ten minutes of wall time pass: nothing falls due, the drill does not expire.
    expect(fire(list, elapsedAt(clock, at(630)))).toEqual([]);
    expect(isExpired(clock, 600, at(10_000))).toBe(false);
    clock = changeClock(clock, at(630), 1); // resume
    expect(nextWake(clock, list, 600).wallAt).toBe(at(660));
    expect(fire(list, elapsedAt(clock, at(659)))).toEqual([]);
    expect(fire(list, elapsedAt(clock, at(660)))).toEqual([1, 2]);
  });

  it("brings later injects closer on a speed change mid-run, not earlier ones", () => {
    let clock = startClock(T0);
    const list = injects();
    fire(list, elapsedAt(clock, at(0)));
    expect(fire(list, elapsedAt(clock, at(60)))).toEqual([1, 2]);
    clock = changeClock(clock, at(100), 10); // ×10 from drill T+100
    // T+300 is 200 drill seconds away: 20 wall seconds at ×10.
    expect(nextWake(clock, list, 600).wallAt).toBe(at(120));
    expect(fire(list, elapsedAt(clock, at(119)))).toEqual([]);
    expect(fire(list, elapsedAt(clock, at(120)))).toEqual([3]);
    // And the end (T+600) is 30 wall seconds after that.
    expect(nextWake(clock, list, 600).wallAt).toBe(at(150));
    clock = changeClock(clock, at(130), 2); // slow down to ×2 at drill T+400
    expect(nextWake(clock, list, 600).wallAt).toBe(at(230));
  });
});
