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
    select: { drillRun: { select: { id: true, status: true, clockSegments: true } } },
  });
  const run = inc?.drillRun;
  if (!run || run.status === "ended") return null;
  const segments = run.clockSegments as unknown as ClockSegment[];
  return (from, offsetMs) => {
    const drillDueMs = elapsedAt(segments, from.getTime()) + offsetMs;
    return { dueAt: wallDue(segments, drillDueMs), payload: { drillRunId: run.id, drillDueMs } };
  };
}
