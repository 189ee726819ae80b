import "server-only";
import type { Tx } from "../db/transaction.ts";
import type { StepClock } from "../playbooks/step-clock.ts";
import { type ClockSegment, elapsedAt } from "./drill-clock.ts";
import { wallDue } from "./drill-timers.ts";

/** The step clock of a drill incident (registered into lib/playbooks by the composition
 *  root): an SLA of N playbook minutes is N minutes of drill time, so ×10 makes it a tenth,
 *  and a pause holds it. Null for a real incident or an ended drill (wall time). */
export async function drillStepClock(tx: Tx, incidentId: string): Promise<StepClock | null> {
  const inc = await tx.incident.findUnique({
    where: { id: incidentId },
    select: { drillRunId: true },
  });
  if (!inc?.drillRunId) return null;
  // FOR SHARE conflicts with the FOR NO KEY UPDATE a pause, resume or speed change takes on
  // the run: either that change waits for this transaction (and then moves the timer this one
  // schedules) or this one reads the clock it set. Unlocked, a timer scheduled on the old
  // clock could commit just after the change had moved the run's timers, and escape it (seen
  // as an SLA timer still running while its drill was paused).
  const [run] = await tx.$queryRaw<{ id: string; status: string; clockSegments: unknown }[]>`
    SELECT "id", "status"::text AS "status", "clockSegments" FROM "DrillRun"
    WHERE "id" = ${inc.drillRunId} FOR SHARE`;
  if (!run || run.status === "ended") return null;
  const segments = run.clockSegments as ClockSegment[];
  return (from, offsetMs) => {
    const drillDueMs = elapsedAt(segments, from.getTime()) + offsetMs;
    return { dueAt: wallDue(segments, drillDueMs), payload: { drillRunId: run.id, drillDueMs } };
  };
}
