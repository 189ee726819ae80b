import "server-only";
import { actorOfHost, SYSTEM } from "../audit/actor.ts";
import { appendAuditMany } from "../audit/append-audit.ts";
import type { Tx } from "../db/transaction.ts";
import { appendTimelineBatch, type TimelineEntryInput } from "./append-timeline.ts";
import {
  type CorrelationEvent,
  type CorrelationPlan,
  severityRaised,
  type Target,
} from "./correlate.ts";
import { EVENT_TYPE_LABEL } from "./event-meaning.ts";

/** The timeline and audit entries of one applied correlation plan (see apply-correlation.ts),
 *  written after the batch's events and counters, in the same transaction. */
export async function recordCorrelation(
  tx: Tx,
  input: {
    host: { id: string; hostname: string };
    events: (CorrelationEvent & { details?: Record<string, unknown> })[];
    plan: CorrelationPlan;
    newIds: string[];
    /** Existing incidents this host is new to. */
    newHostOn: string[];
    recurrenceOf: Map<number, { id: string; key: string; closedAt: Date }>;
    idOf: (t: Target) => string;
    now: Date;
  },
) {
  const { host, events, plan, newIds, newHostOn, recurrenceOf, idOf, now } = input;
  const hostActor = actorOfHost(host);
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
}
