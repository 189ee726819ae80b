import "server-only";
import { scheduleNextRun } from "../timers/recurring-timer.ts";
import type { TimerHandler } from "../timers/run-due-timers.ts";
import { checkpointIfExtended } from "./checkpoint.ts";
import { AUDIT_CHAIN } from "./verify-audit.ts";

export const AUDIT_CHECKPOINT_TIMER = "audit.checkpoint";
export const CHECKPOINT_INTERVAL_MS = 60_000;

/** Every minute: a signed checkpoint of the audit log's sealed head, if it grew and still
 *  extends the last checkpoint. Never throws for a broken chain (the timer must keep running). */
export const checkpointAuditChain: TimerHandler = async (tx, timer, now) => {
  const sealed = await tx.auditEntry.findFirst({
    where: { seq: { not: null } },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  // Only a sealed entry has a place in the chain; the CHECK constraint keeps both set together.
  const head = sealed?.seq && sealed.hash ? { seq: sealed.seq, hash: sealed.hash } : null;
  await checkpointIfExtended(
    tx,
    AUDIT_CHAIN,
    head,
    async (seq) =>
      (await tx.auditEntry.findUnique({ where: { seq }, select: { hash: true } }))?.hash ??
      undefined,
    now,
  );
  await scheduleNextRun(tx, timer, now, CHECKPOINT_INTERVAL_MS);
};
