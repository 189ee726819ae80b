import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { type Tx, withBeforeCommit } from "../db/transaction.ts";
import { isTransientTxError } from "../errors/transient.ts";
import { instanceId } from "../instance-id.ts";
import { logger } from "../log.ts";

export type DueTimer = {
  id: string;
  kind: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
};
/** Work that leaves the database (an SMTP send): run after the timer's transaction committed,
 *  with no transaction open, so a slow mail server never holds a lock (on PGlite, the one
 *  connection). It records its own outcome; what it throws is logged, and a handler that
 *  needs a retry schedules the next timer before it returns this. */
export type AfterCommit = () => Promise<void>;
export type TimerHandler = (tx: Tx, timer: DueTimer, now: Date) => Promise<void | AfterCommit>;

const MAX_ATTEMPTS = 5;
const TRANSIENT_RERUNS = 3;

/**
 * Fires due timers one at a time. Each is claimed with FOR UPDATE SKIP LOCKED and handled in
 * the same transaction that marks it done, so its database effects happen exactly once even
 * with several instances polling, and a timer that came due while every server was down
 * fires on the next poll after restart. Side effects that leave the database (webhooks)
 * must be written as outbox rows by the handler, not performed inline.
 */
export async function runDueTimers(
  handlers: Record<string, TimerHandler>,
  opts: { db?: Db; now?: () => Date; limit?: number } = {},
): Promise<number> {
  const db = opts.db ?? (await getDb());
  const now = opts.now ?? (() => new Date());
  const kinds = Object.keys(handlers);
  let fired = 0;
  // Run alongside the next timers, awaited before the poll ends: a dead mail server delays
  // this poll's end by its timeout, never the other timers' transactions.
  const after: Promise<void>[] = [];
  // Deadlock victims re-run in this poll, per timer: a handler that keeps losing falls back to
  // the recorded failure and its back-off, so it cannot spin here.
  const reruns = new Map<string, number>();
  for (let i = 0; i < (opts.limit ?? 100); i++) {
    const at = now();
    let claimed: DueTimer | null = null;
    // The timer this transaction locked: a failure is recorded against it and no other (with
    // shared due times, "the oldest due" may be a timer another worker is handling right now).
    let picked: DueTimer | null = null;
    let afterCommit: AfterCommit | null = null;
    try {
      claimed = await (
        db as { $transaction: <T>(fn: (tx: Tx) => Promise<T>, o?: object) => Promise<T> }
      ).$transaction(
        async (tx) => {
          const rows = await tx.$queryRaw<DueTimer[]>`
            SELECT "id", "kind", "dueAt", "payload", "attempts" FROM "Timer"
            WHERE "status" = 'pending' AND "dueAt" <= ${at} AND "kind" = ANY(${kinds})
              AND ("instance" IS NULL OR "instance" = ${instanceId()})
            ORDER BY "dueAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
          const t = rows[0];
          if (!t) return null;
          picked = t;
          await withBeforeCommit(tx, async () => {
            afterCommit = (await handlers[t.kind](tx, t, at)) ?? null;
            await tx.timer.update({
              where: { id: t.id },
              data: { status: "done", firedAt: at, attempts: { increment: 1 } },
            });
          });
          return t;
        },
        { timeout: 30_000 },
      );
    } catch (e) {
      // The handler's transaction rolled back; record the failure separately and retry later.
      const t = picked as DueTimer | null;
      if (!t) {
        // The claim itself failed (database unavailable): nothing was locked, nothing to mark.
        logger.error("timer claim failed", { error: e });
        break;
      }
      // A deadlock victim did nothing wrong: PostgreSQL rolled it back so the other side could
      // finish. Run it again at once, as inTransaction does, instead of spending one of its
      // attempts and a back-off on it (an expiry could otherwise end as "failed" in a busy
      // fleet, its command never expired).
      if (isTransientTxError(e) && (reruns.get(t.id) ?? 0) < TRANSIENT_RERUNS) {
        reruns.set(t.id, (reruns.get(t.id) ?? 0) + 1);
        logger.warn("timer handler was a deadlock victim; running it again", { timerId: t.id });
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 60));
        continue;
      }
      const failed = t.attempts + 1 >= MAX_ATTEMPTS;
      // Guarded on pending: another worker may have claimed it since this rollback released it.
      await db.timer.updateMany({
        where: { id: t.id, status: "pending", attempts: t.attempts },
        data: {
          attempts: { increment: 1 },
          lastError: String((e as Error).message ?? e).slice(0, 500),
          ...(failed
            ? { status: "failed" }
            : { dueAt: new Date(at.getTime() + 2 ** t.attempts * 5_000) }),
        },
      });
      logger.error("timer handler failed", { error: e, timerId: t.id });
      continue;
    }
    if (!claimed) break;
    fired++;
    const work = afterCommit as AfterCommit | null;
    if (work)
      after.push(work().catch((e) => logger.error("timer after-commit work failed", { error: e })));
  }
  await Promise.all(after);
  return fired;
}
