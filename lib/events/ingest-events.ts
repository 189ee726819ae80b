import "server-only";
import { groupCommit } from "../db/group-commit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { isUniqueViolation } from "../errors/transient.ts";
import { applyCorrelation } from "../incidents/apply-correlation.ts";
import { DEFAULT_SEVERITY, findingOf } from "../incidents/event-meaning.ts";
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
  // aborted batch committed, so running it again is safe. A concurrent duplicate — another
  // transaction stored one of these events (or another unique row this batch writes) between
  // our read and our insert — is resolved the same way: the re-run reads the stored row and
  // compares hashes (a duplicate, or 422 for other content). It is never answered 409: the
  // protocol makes no status but 400/413/422 final for an event, and a third-party agent
  // that dropped events on 409 would lose ones the server could have stored.
  const stop = telemetry.batchSeconds.startTimer();
  for (let attempt = 1; ; attempt++) {
    try {
      const reply = await ingestOnce(host, unique, duplicates, opts);
      stop({ outcome: "stored" });
      telemetry.eventsIngested.inc({ format: opts.format ?? "events" }, reply.accepted);
      telemetry.eventDuplicates.inc(reply.duplicates);
      return reply;
    } catch (e) {
      if (!(e instanceof ConcurrentDuplicate) && !isUniqueViolation(e)) stop({ outcome: "error" });
      if (!(e instanceof ConcurrentDuplicate) && !isUniqueViolation(e)) throw e;
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

/** The insert skipped rows that were not there when the batch read them. */
class ConcurrentDuplicate extends Error {}

async function ingestOnce(
  host: IngestHost,
  unique: Map<string, ParsedEvent>,
  batchDuplicates: number,
  opts: IngestOptions,
): Promise<EventsReply> {
  let duplicates = batchDuplicates;
  const conflicts: { path: string; message: string }[] = [];
  // Small batches (an agent reporting as it goes) share a transaction with those arriving at
  // the same moment (lib/db/group-commit.ts); a big one is a transaction of its own, so a
  // group never holds its neighbours' host locks for long.
  const run =
    !opts.db && unique.size <= GROUP_COMMIT_MAX_EVENTS
      ? groupCommit
      : <T>(fn: (tx: Tx) => Promise<T>) => inTransaction(opts.db, fn);
  return run(async (tx) => {
    // Serialises batches of one host so a concurrent resend cannot slip past the
    // duplicate check below; other hosts are not blocked.
    await tx.$executeRawUnsafe(
      `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`,
      `ingest-host:${host.id}`,
    );
    const candidates = [...unique.values()];
    const stored = await tx.$queryRawUnsafe<{ eventId: string; contentHash: string }[]>(
      `SELECT "eventId"::text AS "eventId", "contentHash" FROM "Event" WHERE "hostId" = $1 AND "eventId" = ANY($2::uuid[])`,
      host.id,
      candidates.map((e) => e.eventId),
    );
    const storedHash = new Map(stored.map((r) => [r.eventId, r.contentHash]));
    const fresh: ParsedEvent[] = [];
    for (const e of candidates) {
      const h = storedHash.get(e.eventId);
      if (h === undefined) fresh.push(e);
      else if (h === e.contentHash) duplicates++;
      else
        conflicts.push({
          path: `events.${e.index}.eventId`,
          message: "This eventId was already stored with different content",
        });
    }
    if (conflicts.length) throw conflictError(conflicts);
    if (!fresh.length) return { accepted: 0, duplicates, incidentIds: [] };

    const { incidentIds, opened } = await applyCorrelation(
      tx,
      {
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
        windowMs: (opts.windowMinutes ?? env.BREAKWATER_CORRELATION_WINDOW_MINUTES) * 60_000,
        drill: (opts.drill ?? false) || Boolean(host.drillRunId),
        drillRunId: host.drillRunId ?? null,
      },
      async (incidentIdOf) => {
        const inserted = await insertEvents(tx, host.id, fresh, incidentIdOf);
        // ON CONFLICT skipped rows someone committed after our read (the host lock keeps
        // other batches of this host out, but not every writer of the table). Answering 200
        // would claim events stored that this batch did not store, and their content is
        // unchecked: roll back and re-run (see ingestEvents).
        if (inserted !== fresh.length)
          throw new ConcurrentDuplicate(`event insert wrote ${inserted} of ${fresh.length} rows`);
      },
    );
    // Playbooks: the latest published version of each matching playbook starts with the
    // incident, in this transaction (issue 4).
    for (const o of opened) await startMatchingPlaybooks(tx, o, { type: o.firstType }, o.openedAt);
    await runIncidentOpenedHooks(tx, opened, host);
    return { accepted: fresh.length, duplicates, incidentIds };
  });
}

function conflictError(errors: { path: string; message: string }[]) {
  return new AppError(
    "unprocessable",
    `${errors.length} event(s) reuse an eventId with different content; nothing in this batch was stored.`,
    { errors },
  );
}

/** One INSERT … SELECT FROM unnest(…) for the whole batch: a single round trip and a single
 *  statement however many events (Prisma createMany is ~45× slower on this path). */
async function insertEvents(
  tx: Tx,
  hostId: string,
  events: ParsedEvent[],
  incidentIdOf: (i: number) => string | null,
): Promise<number> {
  return tx.$executeRawUnsafe(
    `INSERT INTO "Event" ("hostId", "eventId", "type", "observedAt", "severity", "pluginName", "pluginVersion", "pluginSha256", "details", "contentHash", "incidentId")
     SELECT $1, u.eid::uuid, u.typ::"EventType", u.obs::timestamp(3), u.sev::"Severity", u.pn, u.pv, u.ps, u.det::jsonb, u.ch, u.inc
     -- Every array travels as text[] and is cast per column: both drivers (pg and PGlite)
     -- serialise text arrays faithfully, not all of them enum or jsonb arrays.
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
       AS u(eid, typ, obs, sev, pn, pv, ps, det, ch, inc)
     ON CONFLICT ("hostId", "eventId") DO NOTHING`,
    hostId,
    events.map((e) => e.eventId),
    events.map((e) => e.type),
    // UTC wall time: the column is timestamp without time zone holding UTC, as Prisma writes it.
    events.map((e) => e.observedAt.toISOString().replace("Z", "")),
    events.map((e) => e.severity ?? DEFAULT_SEVERITY[e.type]),
    events.map((e) => e.plugin?.name ?? null),
    events.map((e) => e.plugin?.version ?? null),
    events.map((e) => e.plugin?.sha256 ?? null),
    events.map((e) => (e.details === undefined ? null : JSON.stringify(e.details))),
    events.map((e) => e.contentHash),
    events.map((_, i) => incidentIdOf(i)),
  );
}
