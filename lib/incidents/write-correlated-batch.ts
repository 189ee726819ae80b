import "server-only";
import type { Tx } from "../db/transaction.ts";
import type { IncidentUpdatePlan } from "./correlate.ts";

/** One event as it is stored. */
export type EventRow = {
  eventId: string;
  type: string;
  observedAt: Date;
  severity: string;
  pluginName: string | null;
  pluginVersion: string | null;
  pluginSha256: string | null;
  /** The parsed details object: it is serialised once, with the whole batch. */
  details: Record<string, unknown> | null;
  contentHash: string;
  incidentId: string | null;
};

/** Per incident the batch touches: the reporting host's span and count of events in it. */
export type HostTouch = { incidentId: string; first: Date; last: Date; count: number };

/** The insert skipped events another transaction had stored (a resend, or a race with one):
 *  the batch's counters are wrong for them, so the caller compares their hashes and rolls back. */
export class EventsAlreadyStored extends Error {
  constructor(readonly eventIds: string[]) {
    super(`${eventIds.length} event(s) of the batch were already stored`);
  }
}

/**
 * The batch's writes in ONE statement (one round trip, where they used to be three): insert the
 * events (ON CONFLICT … DO NOTHING RETURNING, so a resend is detected by the write itself instead
 * of a read before it), upsert the host's IncidentHost rows and add to the joined incidents'
 * counters. The data-modifying CTEs all run whatever the outcome; when the insert skipped any
 * event the caller throws and the transaction rolls back, so the counters never count a
 * duplicate.
 *
 * The incident UPDATE is here, the last statement before the timeline and audit appends and
 * COMMIT, so the hot row of a busy incident is locked as briefly as before. Severity only
 * rises (GREATEST on the enum, declared low → critical) and counters add up atomically, so
 * concurrent batches need no lock beyond the row's own; `status <> 'closed'` refuses an incident
 * closed since the candidates were read (the count comes back short and the batch is re-run as a
 * serialization failure). Every row a batch locks is locked in id order (the inserts sort their
 * input, the incidents are locked by a sorted SELECT … FOR NO KEY UPDATE before the UPDATE), so
 * two batches sharing rows queue instead of deadlocking.
 */
export async function writeCorrelatedBatch(
  tx: Tx,
  input: { hostId: string; rows: EventRow[]; hosts: HostTouch[]; updates: IncidentUpdatePlan[] },
  now: Date,
): Promise<{ newHostOn: string[] }> {
  const { hostId, rows, hosts } = input;
  const updates = [...input.updates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const [out] = await tx.$queryRawUnsafe<
    { inserted: string[] | null; newHosts: string[] | null; updated: number }[]
  >(
    `WITH ins AS (
       INSERT INTO "Event" ("hostId", "eventId", "type", "observedAt", "severity", "pluginName", "pluginVersion", "pluginSha256", "details", "contentHash", "incidentId")
       SELECT $1, u.eid, u.typ, u.obs, u.sev, u.pn, u.pv, u.ps, u.det, u.ch, u.inc
       -- The events travel as one JSON array (one native JSON.stringify, parsed once by
       -- PostgreSQL) rather than ten text[] arrays that the driver escapes element by element
       -- (that escaping, and a JSON.stringify of each event's details, were ~7 % of the
       -- server's CPU under ingest load). Sorted by eventId: two batches racing on the same ids
       -- wait on each other's keys in one order.
       FROM json_to_recordset($2::json)
         AS u(eid uuid, typ "EventType", obs timestamp(3), sev "Severity", pn text, pv text, ps text, det jsonb, ch text, inc text)
       ORDER BY u.eid
       ON CONFLICT ("hostId", "eventId") DO NOTHING
       RETURNING "eventId"
     ), ih AS (
       INSERT INTO "IncidentHost" ("incidentId", "hostId", "firstSeenAt", "lastSeenAt", "eventCount")
       SELECT h.id, $1, h.f::timestamp(3), h.l::timestamp(3), h.n::int
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS h(id, f, l, n)
       ORDER BY h.id
       ON CONFLICT ("incidentId", "hostId") DO UPDATE SET "firstSeenAt" = LEAST("IncidentHost"."firstSeenAt", EXCLUDED."firstSeenAt"),
         "lastSeenAt" = GREATEST("IncidentHost"."lastSeenAt", EXCLUDED."lastSeenAt"), "eventCount" = "IncidentHost"."eventCount" + EXCLUDED."eventCount"
       -- xmax = 0 tells a freshly inserted row (a host new to the incident) from an update.
       RETURNING "incidentId", (xmax = 0) AS "inserted"
     ), lk AS (
       -- The joined incidents locked in id order first (LockRows sits above the sort). UPDATE …
       -- FROM visits rows in whatever order its join plan gives (a hash join: the table's
       -- physical order, which moves as rows get new versions), so two batches joining the same
       -- two incidents each held one and waited for the other: a deadlock, found only after
       -- deadlock_timeout (1 s) while every batch for those incidents queued behind it.
       SELECT "id" FROM "Incident" WHERE "id" = ANY($7::text[]) ORDER BY "id" FOR NO KEY UPDATE
     ), upd AS (
       UPDATE "Incident" AS i SET "severity" = GREATEST(i."severity", v.sev::"Severity"), "detectedAt" = LEAST(i."detectedAt", v.det::timestamp(3)),
         "lastEventAt" = GREATEST(i."lastEventAt", v.last::timestamp(3)), "eventCount" = i."eventCount" + v.n::int, "updatedAt" = $12::timestamp(3)
       FROM lk, unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) AS v(id, sev, det, last, n)
       WHERE i."id" = lk."id" AND lk."id" = v.id AND i."status" <> 'closed'
       RETURNING i."id"
     )
     SELECT (SELECT array_agg("eventId"::text) FROM ins) AS "inserted",
            (SELECT array_agg("incidentId") FROM ih WHERE "inserted") AS "newHosts",
            (SELECT count(*)::int FROM upd) AS "updated"`,
    hostId,
    JSON.stringify(
      rows.map((r) => ({
        eid: r.eventId,
        typ: r.type,
        obs: utc(r.observedAt),
        sev: r.severity,
        pn: r.pluginName,
        pv: r.pluginVersion,
        ps: r.pluginSha256,
        det: r.details,
        ch: r.contentHash,
        inc: r.incidentId,
      })),
    ),
    hosts.map((h) => h.incidentId),
    hosts.map((h) => utc(h.first)),
    hosts.map((h) => utc(h.last)),
    hosts.map((h) => String(h.count)),
    updates.map((u) => u.id),
    updates.map((u) => u.severity),
    updates.map((u) => utc(u.detectedAt)),
    updates.map((u) => utc(u.lastEventAt)),
    updates.map((u) => String(u.eventCount)),
    utc(now),
  );
  const inserted = new Set(out.inserted ?? []);
  if (inserted.size !== rows.length)
    throw new EventsAlreadyStored(
      rows.filter((r) => !inserted.has(r.eventId)).map((r) => r.eventId),
    );
  // Closed between our read and now: the events must not join it. Nothing is committed, so
  // the whole batch is retried (inTransaction re-runs 40001) and then opens a new incident.
  if (out.updated !== updates.length)
    throw Object.assign(new Error("incident closed concurrently; could not serialize access"), {
      code: "40001",
    });
  return { newHostOn: out.newHosts ?? [] };
}

/** timestamp(3) columns hold UTC wall time (Prisma's convention). */
const utc = (d: Date) => d.toISOString().replace("Z", "");
