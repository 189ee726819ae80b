import "server-only";
import { SYSTEM } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Tx } from "../db/transaction.ts";
import { env } from "../env.ts";
import { scheduleNextRun } from "../timers/recurring-timer.ts";
import type { TimerHandler } from "../timers/run-due-timers.ts";

export const EVENT_RETENTION_TIMER = "events.retention";
/** Rows per run: one run is one short transaction, so a backlog of millions never holds a
 *  long lock or a long-running DELETE against ingest. */
export const PURGE_BATCH = 5_000;
/** While a backlog remains the next run follows at once (after this pause); otherwise hourly. */
const BACKLOG_PAUSE_MS = 1_000;
const IDLE_INTERVAL_MS = 60 * 60_000;

/**
 * Deletes up to `batch` raw events received before now − retention, oldest first. Events are
 * detail, not state: an incident's `eventCount`, severity, span and hosts are counters and
 * columns of their own (Incident, IncidentHost), so they stay exactly as ingest left them.
 *
 * The chunk is the `batch` lowest ids, so each run reads a bounded prefix of the primary key
 * instead of scanning for old rows (there is no index on receivedAt, and adding one would cost
 * every ingested event an index write): ids and receivedAt grow together, so the oldest rows
 * are the lowest ids. A row that is young inside the chunk is left and ends the backlog.
 */
export async function purgeExpiredEvents(
  tx: Tx,
  opts: { retentionDays: number; now: Date; batch?: number },
): Promise<{ deleted: number; before: Date | null }> {
  if (opts.retentionDays <= 0) return { deleted: 0, before: null };
  const before = new Date(opts.now.getTime() - opts.retentionDays * 86_400_000);
  const deleted = await tx.$executeRawUnsafe(
    `WITH chunk AS (SELECT "id", "receivedAt" FROM "Event" ORDER BY "id" LIMIT $2)
     DELETE FROM "Event" e USING chunk c WHERE e."id" = c."id" AND c."receivedAt" < $1::timestamp(3)`,
    before.toISOString().replace("Z", ""),
    opts.batch ?? PURGE_BATCH,
  );
  if (deleted > 0)
    await appendAudit(tx, {
      actor: SYSTEM,
      action: "events.purged",
      details: { deleted, receivedBefore: before.toISOString(), retentionDays: opts.retentionDays },
    });
  return { deleted, before };
}

/** The recurring timer (one pending for the deployment, see recurring-timer.ts): a full batch
 *  means more are due, so it comes back in a second; otherwise in an hour. */
export const purgeExpiredEventsTimer: TimerHandler = async (tx, timer, now) => {
  const { deleted } = await purgeExpiredEvents(tx, {
    retentionDays: env.BREAKWATER_EVENT_RETENTION_DAYS,
    now,
  });
  await scheduleNextRun(
    tx,
    timer,
    now,
    deleted >= PURGE_BATCH ? BACKLOG_PAUSE_MS : IDLE_INTERVAL_MS,
  );
};
