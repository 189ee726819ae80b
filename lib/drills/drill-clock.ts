// The drill clock. Drill time advances at `speed` drill-ms per wall-ms while the drill runs
// and stands still while it is paused; injects, SLAs and escalation timers of a drill are all
// in drill time, so speeding up ×10 brings every one of them ten times closer. Each control
// (start, pause, resume, speed change) appends a segment; a segment holds from its `at` until
// the next one. Pure: the scheduler and the scoring pass their own "now".

export type ClockSegment = {
  /** Wall time (ms since epoch) the segment starts. */
  at: number;
  /** Drill time (ms since the drill's start) at `at`. */
  elapsedMs: number;
  /** Drill-ms per wall-ms from `at` on; 0 while paused. */
  speed: number;
};

export const MIN_SPEED = 1;
export const MAX_SPEED = 10;

export function startClock(at: number, speed = 1): ClockSegment[] {
  return [{ at, elapsedMs: 0, speed }];
}

/** Drill time at wall time `wall`: before the start it is 0, after the last segment it runs on. */
export function elapsedAt(segments: readonly ClockSegment[], wall: number): number {
  if (segments.length === 0) throw new Error("a drill clock has at least one segment");
  let seg = segments[0];
  if (wall <= seg.at) return 0;
  for (const s of segments) {
    if (s.at > wall) break;
    seg = s;
  }
  return Math.floor(seg.elapsedMs + (wall - seg.at) * seg.speed);
}

/** The wall time at which drill time reaches `elapsedMs`, or null if it never will on the
 *  current segments (the drill is paused before getting there). */
export function wallAt(segments: readonly ClockSegment[], elapsedMs: number): number | null {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const next = segments[i + 1];
    if (elapsedMs <= s.elapsedMs) return s.at;
    const endElapsed = next ? next.elapsedMs : Number.POSITIVE_INFINITY;
    if (elapsedMs <= endElapsed && s.speed > 0) return s.at + (elapsedMs - s.elapsedMs) / s.speed;
  }
  return null;
}

/** Appends a change at wall time `at` (pause: speed 0; resume: the speed before the pause). */
export function changeClock(
  segments: readonly ClockSegment[],
  at: number,
  speed: number,
): ClockSegment[] {
  const last = segments[segments.length - 1];
  if (at < last.at) throw new Error("a clock change cannot go back in time");
  return [...segments, { at, elapsedMs: elapsedAt(segments, at), speed }];
}

export const isPaused = (segments: readonly ClockSegment[]) =>
  segments[segments.length - 1].speed === 0;
