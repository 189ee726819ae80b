import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { appendDrillTimeline } from "./append-drill-timeline.ts";
import { changeClock, elapsedAt } from "./drill-clock.ts";
import { rescheduleDrillTimers } from "./drill-timers.ts";
import { formatDrillTime } from "./end-drill-in-tx.ts";
import { getDrillRun } from "./get-drill-run.ts";
import { lockDrillRunOrThrow } from "./lock-drill-run.ts";

type Change = { kind: "pause" } | { kind: "resume" } | { kind: "speed"; speed: number };

/**
 * Pause, resume and speed changes share one shape: lock the run, check its state (a wrong one
 * is a 409, nothing written), append a clock segment, move every drill-time timer of the run
 * (injects, SLAs, escalations, waits) to its new wall time, and record the change on the
 * run's timeline and in the audit log, all in one transaction.
 */
export async function changeDrillClock(
  id: string,
  change: Change,
  actor: Actor,
  db?: Db,
  now = new Date(),
) {
  await inTransaction(db, async (tx) => {
    const run = await lockDrillRunOrThrow(tx, id);
    if (run.status === "ended") throw new AppError("conflict", "This drill has ended.");
    if (change.kind === "pause" && run.status === "paused")
      throw new AppError("conflict", "This drill is already paused.");
    if (change.kind === "resume" && run.status !== "paused")
      throw new AppError("conflict", "This drill is not paused.");
    const at = Math.max(now.getTime(), run.segments[run.segments.length - 1].at);
    const speed = change.kind === "speed" ? change.speed : run.speed;
    // A speed change while paused is remembered for the resume; the clock stays stopped.
    const segSpeed = change.kind === "pause" || run.status === "paused" ? 0 : speed;
    const resumed = change.kind === "resume" ? speed : segSpeed;
    const segments = changeClock(run.segments, at, resumed);
    const elapsedMs = elapsedAt(segments, at);
    const status =
      change.kind === "pause" ? "paused" : change.kind === "resume" ? "running" : run.status;
    await tx.drillRun.update({
      where: { id },
      data: {
        status,
        speed,
        anchorAt: new Date(at),
        anchorElapsedMs: elapsedMs,
        clockSegments: segments as unknown as Prisma.InputJsonValue,
        ...(change.kind === "pause" ? { pausedAt: new Date(at) } : {}),
        ...(change.kind === "resume" ? { resumedAt: new Date(at) } : {}),
      },
    });
    const moved = await rescheduleDrillTimers(tx, id, segments);
    const what =
      change.kind === "speed"
        ? `speed ×${run.speed} → ×${change.speed}`
        : change.kind === "pause"
          ? "paused"
          : `resumed at ×${speed}`;
    await appendDrillTimeline(tx, {
      drillRunId: id,
      at: new Date(at),
      elapsedMs,
      type: `drill.${change.kind === "speed" ? "speed_changed" : change.kind === "pause" ? "paused" : "resumed"}`,
      actor,
      summary: `${actor.label}: ${what} at T+${formatDrillTime(elapsedMs)}`,
      details: { speed, from: run.speed, movedTimers: moved },
    });
    await appendAudit(tx, {
      actor,
      action: `drill.${change.kind === "speed" ? "speed_changed" : change.kind === "pause" ? "paused" : "resumed"}`,
      target: { type: "drill_run", id },
      details: { key: run.key, speed, from: run.speed, elapsedMs, movedTimers: moved },
    });
  });
  // Only drills:run reaches a control, and drills:run may control.
  return (await getDrillRun(id, { canControl: true }, db))!;
}
