import "server-only";
import type { Tx } from "../db/transaction.ts";
import { assertTimerKindRegistered } from "./timer-registry.ts";

/** Schedules (or re-schedules, by dedupeKey) a durable timer inside the caller's transaction,
 *  so the timer exists exactly when the change that needs it commits. `instance` pins it to
 *  one instance (work that needs that process's memory); by default any instance fires it. */
export async function scheduleTimer(
  tx: Tx,
  t: {
    kind: string;
    dueAt: Date;
    payload: Record<string, unknown>;
    dedupeKey?: string;
    instance?: string;
  },
) {
  assertTimerKindRegistered(t.kind);
  if (t.dedupeKey) {
    return tx.timer.upsert({
      where: { dedupeKey: t.dedupeKey },
      create: {
        kind: t.kind,
        dueAt: t.dueAt,
        payload: t.payload as never,
        dedupeKey: t.dedupeKey,
        instance: t.instance ?? null,
      },
      update: {
        kind: t.kind,
        instance: t.instance ?? null,
        dueAt: t.dueAt,
        payload: t.payload as never,
        status: "pending",
        firedAt: null,
        cancelledAt: null,
        lastError: null,
      },
    });
  }
  return tx.timer.create({
    data: {
      kind: t.kind,
      dueAt: t.dueAt,
      payload: t.payload as never,
      instance: t.instance ?? null,
    },
  });
}

/**
 * Cancels the pending timer with this key. `unlessFiring` leaves one that runDueTimers holds
 * right now (it claims FOR UPDATE SKIP LOCKED and keeps the row locked while the handler runs)
 * instead of waiting for it. A caller that already holds a row the handler locks next must
 * use it: the command expiry timer holds its timer and waits for the command, while a receipt
 * or a cancel holds the command and would wait for the timer, a deadlock that PostgreSQL breaks
 * only after deadlock_timeout (1 s). The firing handler must find nothing left to do once the
 * caller commits (expiry re-checks the command's state under its lock).
 */
export async function cancelTimer(
  tx: Tx,
  dedupeKey: string,
  opts: { unlessFiring?: boolean } = {},
) {
  if (opts.unlessFiring) {
    await tx.$executeRaw`
      UPDATE "Timer" SET "status" = 'cancelled', "cancelledAt" = ${new Date()}
      WHERE "id" IN (SELECT "id" FROM "Timer" WHERE "dedupeKey" = ${dedupeKey} AND "status" = 'pending' FOR UPDATE SKIP LOCKED)`;
    return;
  }
  await tx.timer.updateMany({
    where: { dedupeKey, status: "pending" },
    data: { status: "cancelled", cancelledAt: new Date() },
  });
}
