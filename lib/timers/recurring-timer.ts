import "server-only";
import type { Db } from "../db/index.ts";
import type { Tx } from "../db/transaction.ts";
import type { DueTimer } from "./run-due-timers.ts";
import { scheduleTimer } from "./schedule-timer.ts";
import { assertTimerKindRegistered } from "./timer-registry.ts";

// A timer that fires every interval for as long as the deployment runs (chain checkpoints).
// At most one is pending per kind (its dedupeKey), shared by every instance.
const keyFor = (kind: string) => `${kind}:next`;

/** Call from the handler: schedules the next run. The firing row gives up the key first, since
 *  run-due-timers marks it done after the handler returns; older fired rows are dropped. */
export async function scheduleNextRun(tx: Tx, timer: DueTimer, now: Date, intervalMs: number) {
  await tx.timer.update({ where: { id: timer.id }, data: { dedupeKey: null } });
  await tx.timer.deleteMany({ where: { kind: timer.kind, status: "done" } });
  await scheduleTimer(tx, {
    kind: timer.kind,
    dueAt: new Date(now.getTime() + intervalMs),
    payload: {},
    dedupeKey: keyFor(timer.kind),
  });
}

/** At boot: make sure the recurring timer exists (a no-op when one is already pending). */
export async function ensureRecurringTimer(db: Db, kind: string, now = new Date()) {
  assertTimerKindRegistered(kind);
  const key = keyFor(kind);
  const pending = await db.timer.findFirst({
    where: { dedupeKey: key, status: "pending" },
    select: { id: true },
  });
  if (pending) return;
  await db.timer.upsert({
    where: { dedupeKey: key },
    create: { kind, dueAt: now, payload: {}, dedupeKey: key },
    update: {
      kind,
      dueAt: now,
      payload: {},
      status: "pending",
      firedAt: null,
      cancelledAt: null,
      lastError: null,
      attempts: 0,
    },
  });
}
