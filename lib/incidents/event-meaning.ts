// What the server makes of events beyond their wire shape (lib/protocol/events.ts): default
// severities, ranking, labels. It lives with correlation, its only user: ingest (lib/events)
// sits above incidents and imports them, so from lib/events this would be an arrow pointing up.
import {
  type EventType,
  type ExternalFinding,
  externalFindingSchema,
  type Severity,
} from "../protocol/events.ts";

/** Severity when the agent sends none: what a responder would rank the signal by itself.
 *  An escape attempt is the worst a sandbox can report; an unsigned plugin or a permission
 *  violation means code is doing what it was not allowed to; an IPC anomaly or a quarantine
 *  the agent already performed is worth a look; quotas and the response events
 *  (containment, rollback, a rejected command) are informational. */
export const DEFAULT_SEVERITY: Record<EventType, Severity> = {
  sandbox_escape_attempt: "critical",
  permission_violation: "high",
  unsigned_plugin_loaded: "high",
  ipc_anomaly: "medium",
  plugin_quarantined: "medium",
  quota_exceeded: "low",
  containment_applied: "low",
  rollback_completed: "low",
  command_rejected: "low",
  // Another tool's finding without a severity: worth a look, not a page.
  external_detection: "medium",
};

export const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
export const maxSeverity = (a: Severity, b: Severity): Severity =>
  SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;

export const EVENT_TYPE_LABEL: Record<EventType, string> = {
  sandbox_escape_attempt: "Sandbox escape attempt",
  permission_violation: "Permission violation",
  quota_exceeded: "Quota exceeded",
  ipc_anomaly: "IPC anomaly",
  unsigned_plugin_loaded: "Unsigned plugin loaded",
  plugin_quarantined: "Plugin quarantined",
  containment_applied: "Containment applied",
  rollback_completed: "Rollback completed",
  command_rejected: "Command rejected",
  external_detection: "External detection",
};

/** Response events report what was done about an incident; they never open one. */
export const RESPONSE_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  "command_rejected",
  "containment_applied",
  "rollback_completed",
]);

/** The finding an `external_detection` event reports (details.finding), or undefined when it
 *  carries none or one that does not fit the protocol's shape: correlation then falls back to
 *  the host alone rather than trusting a half-read identity. */
export function findingOf(e: {
  type: EventType;
  details?: Record<string, unknown>;
}): ExternalFinding | undefined {
  if (e.type !== "external_detection") return undefined;
  const r = externalFindingSchema.safeParse(e.details?.finding);
  return r.success && (r.data.uid || r.data.title) ? r.data : undefined;
}
