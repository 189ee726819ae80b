import "server-only";
import type { Tx } from "../db/transaction.ts";
import { scheduleTimer } from "../timers/schedule-timer.ts";
import { type ClockSegment, wallAt } from "./drill-clock.ts";
import { nextWake } from "./inject-schedule.ts";

// Every timer that runs in a drill's time carries { drillRunId, drillDueMs } in its payload:
// the run's inject driver and the SLA, escalation and wait timers of its incidents alike. A
// pause, resume or speed change moves them all from that one convention; ending the run
// cancels them all.

export const DRILL_TICK_TIMER = "drills.tick";
/** Where a timer waits while its drill is paused: never reached, moved again on resume. */
export const HELD_UNTIL = new Date(Date.UTC(2999, 0, 1));

export const wallDue = (segments: readonly ClockSegment[], drillDueMs: number) => {
  const w = wallAt(segments, drillDueMs);
  return w === null ? HELD_UNTIL : new Date(Math.ceil(w));
};

/** (Re)arms the run's one inject-driver timer for its next inject or its end. A new row each
 *  time (no dedupe key): the handler arms the next while its own row is being marked done. */
export async function scheduleDrillTick(
  tx: Tx,
  run: { id: string; segments: ClockSegment[]; durationSeconds: number },
  exceptTimerId?: string,
) {
  await tx.$executeRaw`
    UPDATE "Timer" SET "status" = 'cancelled', "cancelledAt" = now()
    WHERE "status" = 'pending' AND "kind" = ${DRILL_TICK_TIMER} AND "payload"->>'drillRunId' = ${run.id}
      AND "id" <> ${exceptTimerId ?? ""}`;
  const injects = await tx.drillInject.findMany({
    where: { drillRunId: run.id },
    select: { index: true, atSeconds: true, status: true },
  });
  const wake = nextWake(run.segments, injects, run.durationSeconds);
  // Injects act on the fleet, which only the owning instance holds: the driver fires there.
  const owner = await tx.drillRun.findUnique({
    where: { id: run.id },
    select: { ownerInstance: true },
  });
  await scheduleTimer(tx, {
    kind: DRILL_TICK_TIMER,
    dueAt: wake.wallAt === null ? HELD_UNTIL : new Date(Math.ceil(wake.wallAt)),
    payload: { drillRunId: run.id, drillDueMs: wake.drillDueMs },
    instance: owner?.ownerInstance ?? undefined,
  });
}

/** After a clock change: every pending drill-time timer of the run moves to the wall time its
 *  drill due time now falls on (HELD_UNTIL while paused). Returns how many moved. */
export async function rescheduleDrillTimers(
  tx: Tx,
  runId: string,
  segments: readonly ClockSegment[],
): Promise<number> {
  const timers = await tx.$queryRaw<{ id: string; drillDueMs: number }[]>`
    SELECT "id", ("payload"->>'drillDueMs')::float8 AS "drillDueMs" FROM "Timer"
    WHERE "status" = 'pending' AND "payload"->>'drillRunId' = ${runId} FOR UPDATE`;
  for (const t of timers)
    await tx.timer.update({
      where: { id: t.id },
      data: { dueAt: wallDue(segments, Number(t.drillDueMs)) },
    });
  return timers.length;
}

/** Ends every pending timer of the run (its driver, its incidents' step timers) and of its
 *  incidents' commands (expiry, time-boxed containment): an ended drill leaves none running. */
export async function cancelDrillTimers(tx: Tx, runId: string, now: Date): Promise<number> {
  return tx.$executeRaw`
    UPDATE "Timer" SET "status" = 'cancelled', "cancelledAt" = ${now}
    WHERE "status" = 'pending' AND (
      "payload"->>'drillRunId' = ${runId}
      OR "payload"->>'commandId' IN (
        SELECT c."id" FROM "Command" c JOIN "Incident" i ON i."id" = c."incidentId" WHERE i."drillRunId" = ${runId})
      OR "payload"->>'requestId' IN (
        SELECT r."id" FROM "CommandRequest" r JOIN "Incident" i ON i."id" = r."incidentId" WHERE i."drillRunId" = ${runId}))`;
}
