import { describe, expect, it } from "vitest";
import { changeClock, elapsedAt, isPaused, startClock, wallAt } from "./drill-clock.ts";

describe("drill clock", () => {
  const t0 = 1_000_000;
  it("runs at its speed, stands still while paused, and resumes where it stopped", () => {
    let c = startClock(t0);
    expect(elapsedAt(c, t0 - 5)).toBe(0);
    expect(elapsedAt(c, t0 + 10_000)).toBe(10_000);
    c = changeClock(c, t0 + 10_000, 0);
    expect(isPaused(c)).toBe(true);
    expect(elapsedAt(c, t0 + 60_000)).toBe(10_000);
    c = changeClock(c, t0 + 60_000, 10);
    expect(elapsedAt(c, t0 + 61_000)).toBe(20_000);
    expect(isPaused(c)).toBe(false);
  });

  it("maps drill time back to wall time across speed changes and pauses", () => {
    let c = startClock(t0, 2);
    c = changeClock(c, t0 + 5_000, 0); // paused at drill 10 s
    c = changeClock(c, t0 + 20_000, 5); // resumed ×5
    expect(wallAt(c, 4_000)).toBe(t0 + 2_000);
    expect(wallAt(c, 10_000)).toBe(t0 + 5_000);
    expect(wallAt(c, 20_000)).toBe(t0 + 22_000);
    expect(elapsedAt(c, wallAt(c, 35_000) as number)).toBe(35_000);
  });

  it("has no wall time for a drill time it will not reach while paused", () => {
    const c = changeClock(startClock(t0), t0 + 1_000, 0);
    expect(wallAt(c, 5_000)).toBeNull();
    expect(() => changeClock(c, t0, 1)).toThrow();
  });
});
