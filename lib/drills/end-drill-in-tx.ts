import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Tx } from "../db/transaction.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { appendDrillTimeline } from "./append-drill-timeline.ts";
import { changeClock, elapsedAt } from "./drill-clock.ts";
import { cancelDrillTimers } from "./drill-timers.ts";
import type { LockedDrillRun } from "./lock-drill-run.ts";

export type EndReason = "facilitator" | "expired" | "completed" | "server restarted";

/**
 * Ends a locked, unended run inside the caller's transaction: the clock stops, injects not yet
 * fired are skipped, every pending timer of the run and of its incidents' commands is
 * cancelled, its simulated hosts are revoked (nothing of theirs is accepted any more), and the
 * end is on the run's timeline and in the audit log. The caller stops the fleet.
 */
export async function endDrillInTx(
  tx: Tx,
  run: LockedDrillRun,
  actor: Actor,
  reason: EndReason,
  now: Date,
) {
  const segments = changeClock(run.segments, Math.max(now.getTime(), lastAt(run)), 0);
  const elapsedMs = elapsedAt(segments, now.getTime());
  await tx.drillRun.update({
    where: { id: run.id },
    data: {
      status: "ended",
      endedAt: now,
      endedById: actor.type === "user" ? actor.id : null,
      endedByLabel: actor.label,
      endReason: reason,
      clockSegments: segments as unknown as Prisma.InputJsonValue,
    },
  });
  const skipped = await tx.drillInject.updateMany({
    where: { drillRunId: run.id, status: "pending" },
    data: { status: "skipped" },
  });
  const cancelled = await cancelDrillTimers(tx, run.id, now);
  const revoked = await tx.host.updateMany({
    where: { drillRunId: run.id, status: "active" },
    data: { status: "revoked", revokedAt: now },
  });
  await tx.enrollmentToken.updateMany({
    where: { drillRunId: run.id, status: "active" },
    data: { status: "revoked", revokedAt: now },
  });
  // Scoring (lib/drills/score-drill-run.ts, built beside this engine) joins here, in this
  // transaction, once merged: await scoreDrillRun(tx, run.id);
  await appendDrillTimeline(tx, {
    drillRunId: run.id,
    at: now,
    elapsedMs,
    type: "drill.ended",
    actor,
    summary: `${run.key} ended (${reason}) at T+${formatDrillTime(elapsedMs)}`,
    details: { reason, skippedInjects: skipped.count, cancelledTimers: cancelled },
  });
  await appendAudit(tx, {
    actor,
    action: "drill.ended",
    target: { type: "drill_run", id: run.id },
    details: {
      key: run.key,
      reason,
      elapsedMs,
      skippedInjects: skipped.count,
      cancelledTimers: cancelled,
      revokedHosts: revoked.count,
    },
  });
}

const lastAt = (run: LockedDrillRun) => run.segments[run.segments.length - 1].at;

export function formatDrillTime(ms: number) {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}
