import "server-only";
import { groupCommit } from "../db/group-commit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { isUniqueViolation } from "../errors/transient.ts";
import { applyCorrelation } from "../incidents/apply-correlation.ts";
import { DEFAULT_SEVERITY, findingOf } from "../incidents/event-meaning.ts";
import { type EventRow, EventsAlreadyStored } from "../incidents/write-correlated-batch.ts";
import { startMatchingPlaybooks } from "../playbooks/start-playbook-run.ts";
import type { EventsReply as EventsReply } from "../protocol/events.ts";
import { telemetry } from "../telemetry.ts";
import { runIncidentOpenedHooks } from "./incident-opened-hook.ts";
import { type ParsedEvent, parseBatch } from "./parse-batch.ts";

/** `drillRunId`: set for a drill's simulated host; its events only ever correlate into that
 *  run's incidents (never a real one, never another drill's). */
export type IngestHost = { id: string; hostname: string; drillRunId?: string | null };
export type IngestOptions = {
  db?: Db;
  drill?: boolean;
  windowMinutes?: number;
  /** Which wire format the batch came in, for the metrics. */
  format?: "events" | "ocsf";
};

/**
 * POST /events as the protocol states it: validate the whole batch, then in one transaction
 * drop resends, refuse a reused eventId with other content (422, nothing stored), correlate
 * the new events into incidents and insert them with one set-based statement. The caller
 * answers 200 only after this resolves, i.e. after COMMIT.
 */
export async function ingestEvents(
  host: IngestHost,
  raw: unknown,
  opts: IngestOptions = {},
): Promise<EventsReply> {
  const parsed = parseBatch(raw);

  // The same eventId twice inside one batch: identical content is one event and a
  // duplicate; different content is the same conflict as against a stored event.
  const unique = new Map<string, ParsedEvent>();
  let duplicates = 0;
  const conflicts: { path: string; message: string }[] = [];
  for (const e of parsed) {
    const seen = unique.get(e.eventId);
    if (!seen) unique.set(e.eventId, e);
    else if (seen.contentHash === e.contentHash) duplicates++;
    else
      conflicts.push({
        path: `events.${e.index}.eventId`,
        message: `Same eventId as events.${seen.index} with different content`,
      });
  }
  if (conflicts.length) throw conflictError(conflicts);

  // Deadlock victims are re-run by inTransaction (lib/db/transaction.ts): nothing of the
  // aborted batch committed, so running it again is safe. There is no read before the insert:
  // the insert itself reports the events already stored (ON CONFLICT DO NOTHING RETURNING),
  // whether by an earlier send (a resend after a lost 200) or by a concurrent transaction
  // (it waits on that one's keys, then sees them committed). Those alone are compared by hash:
  // other content is 422; the same content rolls the attempt back and re-runs it without them,
  // now counted as duplicates. It is never answered 409: the protocol makes no status but
  // 400/413/422 final for an event, and a third-party agent that dropped events on 409 would
  // lose ones the server could have stored.
  const stop = telemetry.batchSeconds.startTimer();
  const stored = new Set<string>();
  for (let attempt = 1; ; attempt++) {
    try {
      const fresh = [...unique.values()].filter((e) => !stored.has(e.eventId));
      const reply = await ingestOnce(host, fresh, duplicates + stored.size, opts);
      stop({ outcome: "stored" });
      telemetry.eventsIngested.inc({ format: opts.format ?? "events" }, reply.accepted);
      telemetry.eventDuplicates.inc(reply.duplicates);
      return reply;
    } catch (e) {
      const again = e instanceof Resent || isUniqueViolation(e);
      if (!again) stop({ outcome: "error" });
      if (!again) throw e;
      if (e instanceof Resent) for (const id of e.eventIds) stored.add(id);
      if (attempt >= CONCURRENT_DUPLICATE_ATTEMPTS) {
        stop({ outcome: "error" });
        throw new AppError(
          "unavailable",
          "Other writes to the same events keep racing this batch; retry shortly.",
          { retryAfterSeconds: 1, cause: e },
        );
      }
    }
  }
}

const CONCURRENT_DUPLICATE_ATTEMPTS = 4;
const GROUP_COMMIT_MAX_EVENTS = 20;

/** Events of the batch found stored with the same content: the attempt is rolled back (its
 *  counters counted them) and re-run without them. */
class Resent extends Error {
  constructor(readonly eventIds: string[]) {
    super(`${eventIds.length} event(s) were stored already`);
  }
}

async function ingestOnce(
  host: IngestHost,
  fresh: ParsedEvent[],
  duplicates: number,
  opts: IngestOptions,
): Promise<EventsReply> {
  if (!fresh.length) return { accepted: 0, duplicates, incidentIds: [] };
  // Small batches (an agent reporting as it goes) share a transaction with those arriving at
  // the same moment (lib/db/group-commit.ts), each in its own savepoint, so a Resent rolls
  // back only its own attempt; a big one is a transaction of its own.
  const run =
    !opts.db && fresh.length <= GROUP_COMMIT_MAX_EVENTS
      ? groupCommit
      : <T>(fn: (tx: Tx) => Promise<T>) => inTransaction(opts.db, fn);
  return run(async (tx) => {
    // Inside a caller's transaction a Resent cannot be rolled back alone (the caller's writes
    // and queued audit entries would go with it, or stay for the re-run): resends are read
    // first there, as a plain check, and the insert only catches a concurrent writer.
    if (tx === opts.db) {
      const stored = await storedHashes(
        tx,
        host.id,
        fresh.map((e) => e.eventId),
      );
      if (stored.size)
        await settleStored(tx, host.id, fresh, new EventsAlreadyStored([...stored.keys()]));
    }
    const { incidentIds, opened } = await applyCorrelation(tx, {
      host,
      events: fresh.map((e, i) => ({
        index: i,
        type: e.type,
        observedAt: e.observedAt,
        severity: e.severity,
        plugin: e.plugin,
        finding: findingOf(e),
        details: e.details,
      })),
      rows: fresh.map(rowOf),
      windowMs: (opts.windowMinutes ?? env.BREAKWATER_CORRELATION_WINDOW_MINUTES) * 60_000,
      drill: (opts.drill ?? false) || Boolean(host.drillRunId),
      drillRunId: host.drillRunId ?? null,
    }).catch((e) => settleStored(tx, host.id, fresh, e));
    // Playbooks: the latest published version of each matching playbook starts with the
    // incident, in this transaction (issue 4).
    for (const o of opened) await startMatchingPlaybooks(tx, o, { type: o.firstType }, o.openedAt);
    await runIncidentOpenedHooks(tx, opened, host);
    return { accepted: fresh.length, duplicates, incidentIds };
  });
}

/** The insert skipped events that are stored: the same content is a resend (Resent, re-run
 *  without them), other content is 422. Either way this attempt throws and rolls back. */
async function settleStored(
  tx: Tx,
  hostId: string,
  fresh: ParsedEvent[],
  e: unknown,
): Promise<never> {
  if (!(e instanceof EventsAlreadyStored)) throw e;
  const storedHash = await storedHashes(tx, hostId, e.eventIds);
  const conflicts = fresh
    .filter((x) => storedHash.has(x.eventId) && storedHash.get(x.eventId) !== x.contentHash)
    .map((x) => ({
      path: `events.${x.index}.eventId`,
      message: "This eventId was already stored with different content",
    }));
  if (conflicts.length) throw conflictError(conflicts);
  // A skipped id that is not there any more was deleted in between (retention): the re-run
  // stores it again rather than claiming it stored.
  throw new Resent(e.eventIds.filter((id) => storedHash.has(id)));
}

async function storedHashes(tx: Tx, hostId: string, eventIds: string[]) {
  const rows = await tx.$queryRawUnsafe<{ eventId: string; contentHash: string }[]>(
    `SELECT "eventId"::text AS "eventId", "contentHash" FROM "Event" WHERE "hostId" = $1 AND "eventId" = ANY($2::uuid[])`,
    hostId,
    eventIds,
  );
  return new Map(rows.map((r) => [r.eventId, r.contentHash]));
}

const rowOf = (e: ParsedEvent): Omit<EventRow, "incidentId"> => ({
  eventId: e.eventId,
  type: e.type,
  observedAt: e.observedAt,
  severity: e.severity ?? DEFAULT_SEVERITY[e.type],
  pluginName: e.plugin?.name ?? null,
  pluginVersion: e.plugin?.version ?? null,
  pluginSha256: e.plugin?.sha256 ?? null,
  details: e.details ?? null,
  contentHash: e.contentHash,
});

function conflictError(errors: { path: string; message: string }[]) {
  return new AppError(
    "unprocessable",
    `${errors.length} event(s) reuse an eventId with different content; nothing in this batch was stored.`,
    { errors },
  );
}
