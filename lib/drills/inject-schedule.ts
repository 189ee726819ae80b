// The inject scheduler's pure core: which injects are due at a drill time, and at which wall
// time the driver must wake next. Everything is in drill time, read off the drill clock, so a
// pause holds every inject and a speed change brings them closer or further without touching
// the injects themselves. The caller passes its own "now" (tests pass a fake clock).
import { type ClockSegment, elapsedAt, wallAt } from "./drill-clock.ts";

export type ScheduledInject = { index: number; atSeconds: number; status: string };

const byTime = (a: ScheduledInject, b: ScheduledInject) =>
  a.atSeconds - b.atSeconds || a.index - b.index;

/** Pending injects due at drill time `elapsedMs`, in firing order (time, then file order). */
export function dueInjects<T extends ScheduledInject>(
  injects: readonly T[],
  elapsedMs: number,
): T[] {
  return injects
    .filter((i) => i.status === "pending" && i.atSeconds * 1000 <= elapsedMs)
    .sort(byTime);
}

/** Drill time of the next thing to do: the next pending inject or, after the last, the end. */
export function nextDrillDueMs(
  injects: readonly ScheduledInject[],
  durationSeconds: number,
): number {
  const pending = injects.filter((i) => i.status === "pending").sort(byTime);
  return Math.min(pending[0]?.atSeconds ?? durationSeconds, durationSeconds) * 1000;
}

export type Wake = { drillDueMs: number; wallAt: number | null };

/** When the driver wakes: the wall time the next drill due time is reached, or null while the
 *  clock is paused (the timer is held until a resume reschedules it). */
export function nextWake(
  segments: readonly ClockSegment[],
  injects: readonly ScheduledInject[],
  durationSeconds: number,
): Wake {
  const drillDueMs = nextDrillDueMs(injects, durationSeconds);
  return { drillDueMs, wallAt: wallAt(segments, drillDueMs) };
}

/** Whether the run's time is up at wall time `now`. */
export const isExpired = (
  segments: readonly ClockSegment[],
  durationSeconds: number,
  now: number,
) => elapsedAt(segments, now) >= durationSeconds * 1000;
