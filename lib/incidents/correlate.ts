// Correlation rules, pure: given the new events of one batch and the incidents they could
// join, decide which incident each event belongs to and what changes. No I/O, so every rule
// is unit-tested (correlate.test.ts); lib/incidents/apply-correlation.ts writes the plan.
//
// The rules (docs: docs/INCIDENTS.md):
// - Correlation key: the plugin's name, across versions and builds ("plugin:<name>"). A
//   fleet mid-upgrade runs a plugin at two versions; a responder contains the plugin, not
//   one build of it, so one incident lists every version seen (from its events) rather
//   than splitting the blast radius in two. Events without a plugin correlate per host
//   ("host:<id>"): with nothing to tie them across the fleet, the same machine is the
//   strongest link left. An external detection (another tool's finding, no plugin named)
//   correlates per host and finding ("finding:<host id>:<title, else uid>"): the title names
//   what was found (the rule, the check), so a tool that re-reports one finding under the
//   same uid and one that sends a fresh uid per alert (Falco) both build one incident per
//   host and problem, while two different findings on one host stay apart.
// - A detection event joins a not-closed incident with the same key (across all hosts) when
//   its observedAt lies within the window of that incident's span
//   [detectedAt − window, lastEventAt + window] — a sliding window, so a steady stream keeps
//   one incident. Otherwise it opens a new incident. Closed incidents are never joined.
// - Response events (containment_applied, rollback_completed, command_rejected) never open
//   an incident: they attach to the most recently active not-closed incident with the same
//   key, else the most recently active not-closed incident on the same host, regardless of
//   the window (a rollback may land hours later); with no match they are stored unattached.
//   They do not raise severity.
// - Severity of an incident is the max of its detection events' severities.

import type { EventType, ExternalFinding, PluginRef, Severity } from "../protocol/events.ts";
import {
  DEFAULT_SEVERITY,
  EVENT_TYPE_LABEL,
  maxSeverity,
  RESPONSE_EVENT_TYPES,
  SEVERITY_RANK,
} from "./event-meaning.ts";

export type CorrelationEvent = {
  index: number;
  type: EventType;
  observedAt: Date;
  severity?: Severity;
  plugin?: PluginRef;
  /** The finding of an external detection (details.finding), see findingOf. */
  finding?: ExternalFinding;
};

export type IncidentCandidate = {
  id: string;
  correlationKey: string;
  severity: Severity;
  detectedAt: Date;
  lastEventAt: Date;
  /** True when the reporting host is already among the incident's hosts. */
  onHost: boolean;
};

export type NewIncidentPlan = {
  ref: number;
  correlationKey: string;
  plugin?: PluginRef;
  finding?: ExternalFinding;
  firstType: EventType;
  title: string;
  severity: Severity;
  detectedAt: Date;
  lastEventAt: Date;
  eventCount: number;
};

export type IncidentUpdatePlan = {
  id: string;
  severityBefore: Severity;
  severity: Severity;
  detectedAt: Date;
  lastEventAt: Date;
  eventCount: number;
};

export type Target = { kind: "existing"; id: string } | { kind: "new"; ref: number };

export type CorrelationPlan = {
  /** Per event index: the incident it belongs to, or null (unattached response event). */
  assignments: (Target | null)[];
  created: NewIncidentPlan[];
  updated: IncidentUpdatePlan[];
  /** Response events that landed on an incident: each becomes a timeline entry. */
  responses: { index: number; target: Target }[];
};

export function correlationKeyOf(
  e: { plugin?: PluginRef; finding?: ExternalFinding },
  hostId: string,
): string {
  if (e.plugin) return `plugin:${e.plugin.name}`;
  const id = e.finding?.title ?? e.finding?.uid;
  // Case and spacing differ between a tool's versions and exports of the same rule.
  if (id) return `finding:${hostId}:${id.trim().replace(/\s+/g, " ").toLowerCase()}`;
  return `host:${hostId}`;
}

export function incidentTitle(
  e: { type: EventType; plugin?: PluginRef; finding?: ExternalFinding },
  hostname: string,
): string {
  // No version: the incident spans every version of the plugin (see the correlation key).
  if (e.plugin) return `${EVENT_TYPE_LABEL[e.type]} — ${e.plugin.name}`;
  if (e.finding?.title) return `${e.finding.title} on ${hostname}`;
  return `${EVENT_TYPE_LABEL[e.type]} on ${hostname}`;
}

export const severityOf = (e: { type: EventType; severity?: Severity }): Severity =>
  e.severity ?? DEFAULT_SEVERITY[e.type];

type Working = {
  target: Target;
  correlationKey: string;
  severity: Severity;
  severityBefore: Severity;
  detectedAt: Date;
  lastEventAt: Date;
  added: number;
  onHost: boolean;
  plan?: NewIncidentPlan;
};

export function correlate(input: {
  hostId: string;
  hostname: string;
  events: CorrelationEvent[];
  candidates: IncidentCandidate[];
  windowMs: number;
}): CorrelationPlan {
  const { hostId, hostname, windowMs } = input;
  const pool: Working[] = input.candidates.map((c) => ({
    target: { kind: "existing", id: c.id },
    correlationKey: c.correlationKey,
    severity: c.severity,
    severityBefore: c.severity,
    detectedAt: c.detectedAt,
    lastEventAt: c.lastEventAt,
    added: 0,
    onHost: c.onHost,
  }));
  const created: NewIncidentPlan[] = [];
  const assignments: (Target | null)[] = [];
  const responses: CorrelationPlan["responses"] = [];

  // Oldest first, so a burst builds one incident from its first event onwards; response
  // events after detections, so a containment reported in the same batch as the escape
  // attempt finds the incident that attempt opened.
  const order = [...input.events].sort(
    (a, b) =>
      Number(RESPONSE_EVENT_TYPES.has(a.type)) - Number(RESPONSE_EVENT_TYPES.has(b.type)) ||
      a.observedAt.getTime() - b.observedAt.getTime() ||
      a.index - b.index,
  );
  const mostRecent = (ws: Working[]) =>
    ws.reduce<Working | undefined>(
      (best, w) => (!best || w.lastEventAt > best.lastEventAt ? w : best),
      undefined,
    );

  for (const e of order) {
    const key = correlationKeyOf(e, hostId);
    const t = e.observedAt.getTime();
    if (RESPONSE_EVENT_TYPES.has(e.type)) {
      const w =
        mostRecent(pool.filter((p) => p.correlationKey === key)) ??
        mostRecent(pool.filter((p) => p.onHost));
      assignments[e.index] = w ? w.target : null;
      if (w) {
        w.added++;
        if (e.observedAt > w.lastEventAt) w.lastEventAt = e.observedAt;
        responses.push({ index: e.index, target: w.target });
      }
      continue;
    }
    const sev = severityOf(e);
    const match = mostRecent(
      pool.filter(
        (p) =>
          p.correlationKey === key &&
          t >= p.detectedAt.getTime() - windowMs &&
          t <= p.lastEventAt.getTime() + windowMs,
      ),
    );
    if (match) {
      match.added++;
      match.onHost = true;
      match.severity = maxSeverity(match.severity, sev);
      if (e.observedAt < match.detectedAt) match.detectedAt = e.observedAt;
      if (e.observedAt > match.lastEventAt) match.lastEventAt = e.observedAt;
      assignments[e.index] = match.target;
      continue;
    }
    const ref = created.length;
    const plan: NewIncidentPlan = {
      ref,
      correlationKey: key,
      plugin: e.plugin,
      finding: e.finding,
      firstType: e.type,
      title: incidentTitle(e, hostname),
      severity: sev,
      detectedAt: e.observedAt,
      lastEventAt: e.observedAt,
      eventCount: 0,
    };
    created.push(plan);
    pool.push({
      target: { kind: "new", ref },
      correlationKey: key,
      severity: sev,
      severityBefore: sev,
      detectedAt: e.observedAt,
      lastEventAt: e.observedAt,
      added: 1,
      onHost: true,
      plan,
    });
    assignments[e.index] = { kind: "new", ref };
  }

  const updated: IncidentUpdatePlan[] = [];
  for (const w of pool) {
    if (w.plan) {
      Object.assign(w.plan, {
        severity: w.severity,
        detectedAt: w.detectedAt,
        lastEventAt: w.lastEventAt,
        eventCount: w.added,
      });
    } else if (w.added > 0 && w.target.kind === "existing") {
      updated.push({
        id: w.target.id,
        severityBefore: w.severityBefore,
        severity: w.severity,
        detectedAt: w.detectedAt,
        lastEventAt: w.lastEventAt,
        eventCount: w.added,
      });
    }
  }
  return { assignments, created, updated, responses };
}

export const severityRaised = (u: IncidentUpdatePlan) =>
  SEVERITY_RANK[u.severity] > SEVERITY_RANK[u.severityBefore];
