import "server-only";
import crypto from "node:crypto";
import type { Tx } from "../db/transaction.ts";
import type { Severity } from "../protocol/events.ts";
import { allocateIncidentKeys } from "./allocate-incident-keys.ts";
import {
  type CorrelationEvent,
  correlate,
  correlationKeyOf,
  type IncidentCandidate,
  type Target,
} from "./correlate.ts";
import { recordCorrelation } from "./record-correlation.ts";
import { type EventRow, type HostTouch, writeCorrelatedBatch } from "./write-correlated-batch.ts";

type EventIn = CorrelationEvent & { details?: Record<string, unknown> };
/** An incident this batch opened, with what its playbooks are matched on. */
export type OpenedIncident = {
  id: string;
  severity: string;
  pluginName: string | null;
  firstType: string;
  openedAt: Date;
};

/**
 * Writes the correlation plan for one host's batch inside the ingest transaction: reads the
 * incidents the events could join, creates/updates incidents, tracks affected hosts, and
 * appends timeline and audit entries — all or nothing with the events. The caller starts the
 * playbooks of the incidents it opened (playbooks sit above incidents; see ingest-events.ts).
 *
 * Locking, chosen so a fleet reporting one plugin does not queue on one lock: joining an
 * existing incident takes no correlation lock (counters are updated atomically in SQL, and
 * the UPDATE refuses a closed incident → the batch is retried). Only when the plan would
 * open an incident are the correlation keys locked and the candidates re-read, so two hosts
 * reporting the same plugin at once cannot open two incidents. The events, the host rows and
 * the joined incidents' counters are then written in one statement (writeCorrelatedBatch),
 * which throws EventsAlreadyStored when any event was stored already: the caller decides
 * between duplicate and 422 and rolls this attempt back.
 */
export async function applyCorrelation(
  tx: Tx,
  input: {
    host: { id: string; hostname: string };
    events: EventIn[];
    windowMs: number;
    drill: boolean;
    /** The drill run of the reporting host: correlation stays inside it (null: no run). */
    drillRunId?: string | null;
    /** The stored form of each event, by the same index as `events`. */
    rows: Omit<EventRow, "incidentId">[];
  },
): Promise<{ incidentIds: string[]; opened: OpenedIncident[] }> {
  const { host, events, windowMs, drill } = input;
  const drillRunId = input.drillRunId ?? null;
  const keys = [...new Set(events.map((e) => correlationKeyOf(e, host.id)))].sort();
  const times = events.map((e) => e.observedAt.getTime());
  const lo = new Date(Math.min(...times) - windowMs);
  const hi = new Date(Math.max(...times) + windowMs);
  const hasResponses = events.some(
    (e) =>
      e.type === "containment_applied" ||
      e.type === "rollback_completed" ||
      e.type === "command_rejected",
  );
  // Over-fetching is harmless: correlate() applies the window exactly.
  const readCandidates = () =>
    tx.$queryRawUnsafe<(Omit<IncidentCandidate, "severity"> & { severity: Severity })[]>(
      `SELECT i."id", i."correlationKey", i."severity"::text AS "severity", i."detectedAt", i."lastEventAt",
              EXISTS (SELECT 1 FROM "IncidentHost" h WHERE h."incidentId" = i."id" AND h."hostId" = $1) AS "onHost"
       FROM "Incident" i
       WHERE i."status" <> 'closed' AND i."drill" = $2 AND i."drillRunId" IS NOT DISTINCT FROM $7::text AND (
         (i."correlationKey" = ANY($3::text[]) AND i."lastEventAt" >= $4::timestamp(3) AND i."detectedAt" <= $5::timestamp(3))
         OR ($6 AND (i."correlationKey" = ANY($3::text[])
                     OR EXISTS (SELECT 1 FROM "IncidentHost" h WHERE h."incidentId" = i."id" AND h."hostId" = $1))))`,
      host.id,
      drill,
      keys,
      utc(lo),
      utc(hi),
      hasResponses,
      drillRunId,
    );
  let plan = correlate({
    hostId: host.id,
    hostname: host.hostname,
    events,
    candidates: await readCandidates(),
    windowMs,
  });
  if (plan.created.length) {
    // Sorted, in one statement with an ordered subquery: every transaction takes key locks
    // in the same order, so two batches sharing keys queue instead of deadlocking. The
    // re-read after the lock is a new statement, so it sees what a competitor committed.
    await tx.$queryRawUnsafe(
      `SELECT count(pg_advisory_xact_lock(hashtextextended(current_schema() || ':incident-key:' || k, 0))) FROM (SELECT k FROM unnest($1::text[]) AS k ORDER BY k) s`,
      keys,
    );
    plan = correlate({
      hostId: host.id,
      hostname: host.hostname,
      events,
      candidates: await readCandidates(),
      windowMs,
    });
  }

  const now = new Date();
  const newIds: string[] = plan.created.map(() => crypto.randomUUID());
  // A plugin whose last incident closed within the window is the same problem coming back:
  // the new incident links to it (the key lock above is held, so the read is stable).
  const recurrenceOf = new Map<number, { id: string; key: string; closedAt: Date }>();
  for (const c of plan.created) {
    if (!c.plugin) continue;
    const prev = await tx.incident.findFirst({
      where: {
        correlationKey: c.correlationKey,
        drill,
        drillRunId,
        status: "closed",
        closedAt: { gte: new Date(c.detectedAt.getTime() - windowMs) },
      },
      orderBy: { closedAt: "desc" },
      select: { id: true, key: true, closedAt: true },
    });
    if (prev) recurrenceOf.set(c.ref, { id: prev.id, key: prev.key, closedAt: prev.closedAt! });
  }
  const idOf = (t: Target) => (t.kind === "existing" ? t.id : newIds[t.ref]);

  if (plan.created.length) {
    const incidentKeys = await allocateIncidentKeys(tx, plan.created.length, now);
    await tx.incident.createMany({
      data: plan.created.map((c, i) => ({
        id: newIds[i],
        key: incidentKeys[i],
        title: c.title,
        severity: c.severity,
        correlationKey: c.correlationKey,
        // Version and build stay null: the incident spans every version of the plugin (its
        // events list them), so commands issued for it target the plugin by name.
        pluginName: c.plugin?.name ?? null,
        pluginVersion: null,
        pluginSha256: null,
        // The other tool's own words for what it found (issue 15): shown on the incident.
        ...(c.finding ? { finding: c.finding } : {}),
        detectedAt: c.detectedAt,
        openedAt: now,
        lastEventAt: c.lastEventAt,
        eventCount: c.eventCount,
        drill,
        drillRunId,
        updatedAt: now,
        recurrenceOfId: recurrenceOf.get(c.ref)?.id ?? null,
      })),
    });
    plan.created.forEach((c, i) => ((c as typeof c & { key: string }).key = incidentKeys[i]));
  }
  const idOfIndex = (i: number) => (plan.assignments[i] ? idOf(plan.assignments[i]!) : null);
  // Affected hosts, aggregated per incident for the one upsert in writeCorrelatedBatch.
  const perIncident = new Map<string, HostTouch>();
  events.forEach((e, i) => {
    const id = idOfIndex(i);
    if (!id) return;
    const agg = perIncident.get(id);
    if (!agg)
      perIncident.set(id, { incidentId: id, first: e.observedAt, last: e.observedAt, count: 1 });
    else {
      agg.count++;
      if (e.observedAt < agg.first) agg.first = e.observedAt;
      if (e.observedAt > agg.last) agg.last = e.observedAt;
    }
  });
  const written = await writeCorrelatedBatch(
    tx,
    {
      hostId: host.id,
      rows: input.rows.map((r, i) => ({ ...r, incidentId: idOfIndex(i) })),
      hosts: [...perIncident.values()],
      updates: plan.updated,
    },
    now,
  );
  const newHostOn = written.newHostOn.filter((id) => !newIds.includes(id));

  await recordCorrelation(tx, {
    host,
    events,
    plan,
    newIds,
    newHostOn,
    recurrenceOf,
    idOf,
    now,
  });

  const opened = plan.created.map((c, i) => ({
    id: newIds[i],
    severity: c.severity,
    pluginName: c.plugin?.name ?? null,
    firstType: c.firstType,
    openedAt: now,
  }));
  const touched = new Set<string>();
  plan.assignments.forEach((t) => t && touched.add(idOf(t)));
  return { incidentIds: [...touched], opened };
}

/** timestamp(3) columns hold UTC wall time (Prisma's convention). */
const utc = (d: Date) => d.toISOString().replace("Z", "");
