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

export async function cancelTimer(tx: Tx, dedupeKey: string) {
  await tx.timer.updateMany({
    where: { dedupeKey, status: "pending" },
    data: { status: "cancelled", cancelledAt: new Date() },
  });
}
