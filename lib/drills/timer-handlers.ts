import "server-only";
import { scheduleNextRun } from "../timers/recurring-timer.ts";
import type { TimerHandler } from "../timers/run-due-timers.ts";
import { drillActor } from "./append-drill-timeline.ts";
import { elapsedAt } from "./drill-clock.ts";
import { stopDrillFleet } from "./drill-fleet.ts";
import { DRILL_TICK_TIMER, scheduleDrillTick } from "./drill-timers.ts";
import { endDrillInTx } from "./end-drill-in-tx.ts";
import { endOrphanedDrills } from "./end-orphaned-drills.ts";
import { fireInject } from "./fire-inject.ts";
import { dueInjects, isExpired } from "./inject-schedule.ts";
import { lockDrillRun } from "./lock-drill-run.ts";

/**
 * The inject driver. Its timer row is claimed FOR UPDATE SKIP LOCKED (lib/timers), and the run
 * is locked here too, so an inject fires once. It fires at most ONE inject per firing, in the
 * firing's transaction, then re-arms itself: when several are due they go one per
 * transaction, in order, and a failing one cannot roll back those before it. Past the
 * scenario's duration the run ends by itself ("expired").
 */
const tick: TimerHandler = async (tx, timer, now) => {
  const run = await lockDrillRun(tx, String(timer.payload.drillRunId));
  if (!run || run.status !== "running") return;
  const elapsedMs = elapsedAt(run.segments, now.getTime());
  const pending = await tx.drillInject.findMany({
    where: { drillRunId: run.id, status: "pending" },
    select: { id: true, index: true, atSeconds: true, status: true, spec: true },
  });
  const [next] = dueInjects(pending, elapsedMs);
  if (next) {
    await fireInject(tx, run, next, now, elapsedMs);
  } else if (isExpired(run.segments, run.scenario.durationSeconds, now.getTime())) {
    await endDrillInTx(tx, run, drillActor(run.key), "expired", now);
    // The agents' own calls are not in this transaction; stopping them is safe either way
    // (a rolled-back end re-fires and finds no fleet to stop).
    await stopDrillFleet(run.id);
    return;
  }
  await scheduleDrillTick(
    tx,
    { id: run.id, segments: run.segments, durationSeconds: run.scenario.durationSeconds },
    timer.id,
  );
};

/** Every instance sweeps for runs whose owning instance stopped beating (one pending timer for
 *  the deployment, see lib/timers/recurring-timer.ts). */
export const DRILL_ORPHANS_TIMER = "drills.orphans";
const ORPHAN_SWEEP_MS = 10_000;

const sweepOrphans: TimerHandler = async (tx, timer, now) => {
  await endOrphanedDrills(tx, now);
  await scheduleNextRun(tx, timer, now, ORPHAN_SWEEP_MS);
};

export const DRILL_TIMER_HANDLERS: Record<string, TimerHandler> = {
  [DRILL_TICK_TIMER]: tick,
  [DRILL_ORPHANS_TIMER]: sweepOrphans,
};
