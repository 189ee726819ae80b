import "server-only";
import { scheduleNextRun } from "../timers/recurring-timer.ts";
import type { TimerHandler } from "../timers/run-due-timers.ts";
import { checkpointIfExtended } from "./checkpoint.ts";
import { AUDIT_CHAIN } from "./verify-audit.ts";

export const AUDIT_CHECKPOINT_TIMER = "audit.checkpoint";
export const CHECKPOINT_INTERVAL_MS = 60_000;

/** Every minute: a signed checkpoint of the audit log's head, if it grew and still extends the
 *  last checkpoint. Never throws for a broken chain (the timer must keep running). */
export const checkpointAuditChain: TimerHandler = async (tx, timer, now) => {
  const head = await tx.auditEntry.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  await checkpointIfExtended(
    tx,
    AUDIT_CHAIN,
    head,
    async (seq) =>
      (await tx.auditEntry.findUnique({ where: { seq }, select: { hash: true } }))?.hash,
    now,
  );
  await scheduleNextRun(tx, timer, now, CHECKPOINT_INTERVAL_MS);
};
