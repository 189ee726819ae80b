import "server-only";
import crypto from "node:crypto";
import { actorOfHost, SYSTEM } from "../audit/actor.ts";
import { appendAuditMany } from "../audit/append-audit.ts";
import type { Tx } from "../db/transaction.ts";
import type { Severity } from "../protocol/events.ts";
import { allocateIncidentKeys } from "./allocate-incident-keys.ts";
import { appendTimelineBatch, type TimelineEntryInput } from "./append-timeline.ts";
import {
  type CorrelationEvent,
  correlate,
  correlationKeyOf,
  type IncidentCandidate,
  severityRaised,
  type Target,
} from "./correlate.ts";
import { EVENT_TYPE_LABEL } from "./event-meaning.ts";

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
 * reporting the same plugin at once cannot open two incidents. The incident row is updated
 * after the events are inserted, so its row lock is held only until commit.
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
  },
  insertEvents: (incidentIdOf: (i: number) => string | null) => Promise<void>,
): Promise<{ incidentIds: string[]; opened: OpenedIncident[] }> {
  const { host, events, windowMs, drill } = input;
  const drillRunId = input.drillRunId ?? null;
  const hostActor = actorOfHost(host);
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
  await insertEvents(idOfIndex);
  // Affected hosts, aggregated per incident for one upsert below.
  const perIncident = new Map<string, { first: Date; last: Date; count: number }>();
  events.forEach((e, i) => {
    const t = plan.assignments[i];
    if (!t) return;
    const id = idOf(t);
    const agg = perIncident.get(id);
    if (!agg) perIncident.set(id, { first: e.observedAt, last: e.observedAt, count: 1 });
    else {
      agg.count++;
      if (e.observedAt < agg.first) agg.first = e.observedAt;
      if (e.observedAt > agg.last) agg.last = e.observedAt;
    }
  });
  const touchedIds = [...perIncident.keys()];
  // xmax = 0 tells a freshly inserted row (a host new to the incident) from an update.
  const upserted = touchedIds.length
    ? await tx.$queryRawUnsafe<{ incidentId: string; inserted: boolean }[]>(
        `INSERT INTO "IncidentHost" ("incidentId", "hostId", "firstSeenAt", "lastSeenAt", "eventCount")
         SELECT u.id, $1, u.f::timestamp(3), u.l::timestamp(3), u.n::int FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, f, l, n)
         ON CONFLICT ("incidentId", "hostId") DO UPDATE SET "firstSeenAt" = LEAST("IncidentHost"."firstSeenAt", EXCLUDED."firstSeenAt"),
           "lastSeenAt" = GREATEST("IncidentHost"."lastSeenAt", EXCLUDED."lastSeenAt"), "eventCount" = "IncidentHost"."eventCount" + EXCLUDED."eventCount"
         RETURNING "incidentId", (xmax = 0) AS "inserted"`,
        host.id,
        touchedIds,
        touchedIds.map((id) => utc(perIncident.get(id)!.first)),
        touchedIds.map((id) => utc(perIncident.get(id)!.last)),
        touchedIds.map((id) => String(perIncident.get(id)!.count)),
      )
    : [];
  const newHostOn = upserted
    .filter((r) => r.inserted && !newIds.includes(r.incidentId))
    .map((r) => r.incidentId);

  // Timeline: what a responder needs to see change — opened, a new host, a severity rise,
  // and each response event. Detection events joining an incident are in its event stream.
  const timeline: TimelineEntryInput[] = [];
  plan.created.forEach((c, i) => {
    timeline.push({
      incidentId: newIds[i],
      at: now,
      type: "incident.opened",
      actor: SYSTEM,
      source: "ingest",
      summary: `Opened from ${EVENT_TYPE_LABEL[c.firstType].toLowerCase()} on ${host.hostname} (severity ${c.severity})`,
      details: { hostId: host.id, correlationKey: c.correlationKey },
    });
  });
  plan.created.forEach((c, i) => {
    const prev = recurrenceOf.get(c.ref);
    if (!prev) return;
    timeline.push({
      incidentId: newIds[i],
      at: now,
      type: "incident.recurrence",
      actor: SYSTEM,
      source: "ingest",
      summary: `Recurrence of ${prev.key}: ${c.plugin?.name} came back ${Math.max(0, Math.round((c.detectedAt.getTime() - prev.closedAt.getTime()) / 60_000))} min after it was closed`,
      details: {
        recurrenceOf: prev.key,
        recurrenceOfId: prev.id,
        closedAt: prev.closedAt.toISOString(),
      },
    });
  });
  for (const incidentId of newHostOn) {
    timeline.push({
      incidentId,
      at: now,
      type: "host.affected",
      actor: hostActor,
      source: "ingest",
      summary: `${host.hostname} reported events for this incident`,
      details: { hostId: host.id },
    });
  }
  for (const u of plan.updated.filter(severityRaised)) {
    timeline.push({
      incidentId: u.id,
      at: now,
      type: "severity.raised",
      actor: SYSTEM,
      source: "ingest",
      summary: `Severity raised from ${u.severityBefore} to ${u.severity}`,
      details: { from: u.severityBefore, to: u.severity, hostId: host.id },
    });
  }
  for (const r of plan.responses) {
    const e = events[r.index];
    timeline.push({
      incidentId: idOf(r.target),
      at: now,
      type: `agent.${e.type}`,
      actor: hostActor,
      source: "agent",
      summary: `${EVENT_TYPE_LABEL[e.type]} on ${host.hostname}${e.plugin ? ` for ${e.plugin.name} ${e.plugin.version}` : ""}`,
      details: {
        observedAt: e.observedAt.toISOString(),
        ...(e.details ? { agentDetails: e.details } : {}),
      },
    });
  }
  await appendTimelineBatch(tx, timeline);

  // The joined incidents' row update comes as late as possible: every batch about a busy
  // plugin updates the same row, so its lock is held from here until COMMIT. It still
  // precedes the audit appends, keeping the order transitions use (row lock, then chain
  // lock) so the two never deadlock; in steady state no audit follows and this is the
  // last statement before COMMIT.
  // Severity only ever rises (GREATEST on the enum, declared low → critical), so
  // concurrent batches cannot lower it; counters add up atomically.
  if (plan.updated.length) {
    // One statement for all joined incidents (text arrays, cast per column: see
    // ingest-events), in id order so two batches lock shared incidents in the same order.
    plan.updated.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const n = await tx.$executeRawUnsafe(
      `UPDATE "Incident" AS i SET "severity" = GREATEST(i."severity", u.sev::"Severity"), "detectedAt" = LEAST(i."detectedAt", u.det::timestamp(3)),
         "lastEventAt" = GREATEST(i."lastEventAt", u.last::timestamp(3)), "eventCount" = i."eventCount" + u.n::int, "updatedAt" = $6::timestamp(3)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, sev, det, last, n)
       WHERE i."id" = u.id AND i."status" <> 'closed'`,
      plan.updated.map((u) => u.id),
      plan.updated.map((u) => u.severity),
      plan.updated.map((u) => utc(u.detectedAt)),
      plan.updated.map((u) => utc(u.lastEventAt)),
      plan.updated.map((u) => String(u.eventCount)),
      utc(now),
    );
    // Closed between our read and now: the events must not join it. Nothing is committed,
    // so the whole batch is retried (see ingest-events) and then opens a new incident.
    if (n !== plan.updated.length)
      throw Object.assign(new Error("incident closed concurrently; could not serialize access"), {
        code: "40001",
      });
  }

  // One INSERT for every entry of the batch: ingest is the hottest audited path.
  await appendAuditMany(tx, [
    ...plan.created.map((c, i) => ({
      actor: SYSTEM,
      action: "incident.opened",
      target: { type: "incident", id: newIds[i] },
      details: {
        key: (c as typeof c & { key: string }).key,
        severity: c.severity,
        correlationKey: c.correlationKey,
        hostId: host.id,
      },
    })),
    ...[...newHostOn].map((incidentId) => ({
      actor: hostActor,
      action: "incident.host_added",
      target: { type: "incident", id: incidentId },
      details: { hostId: host.id },
    })),
    ...plan.updated.filter(severityRaised).map((u) => ({
      actor: SYSTEM,
      action: "incident.severity_raised",
      target: { type: "incident", id: u.id },
      details: { from: u.severityBefore, to: u.severity },
    })),
  ]);

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
