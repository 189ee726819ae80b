import { z } from "zod";
import { safeDate, safeJson, safeText } from "../protocol/safe-schemas.ts";

// The wire shape of an agent event (docs/AGENT-PROTOCOL.md, POST /events). Objects are
// strict: a misspelt field ("observed_at", "severty") is a 400 naming it, never silently
// dropped — a dropped severity would quietly change how an incident is ranked.

export const EVENT_TYPES = [
  "sandbox_escape_attempt",
  "permission_violation",
  "quota_exceeded",
  "ipc_anomaly",
  "unsigned_plugin_loaded",
  "plugin_quarantined",
  "containment_applied",
  "rollback_completed",
  "command_rejected",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const MAX_BATCH_EVENTS = 500;
export const MAX_BODY_BYTES = 1 << 20;
export const MAX_DETAILS_BYTES = 16 * 1024;
export { MAX_TIMESTAMP_MS, jsonDepthWithin } from "../protocol/safe-schemas.ts";
export const MAX_DETAILS_DEPTH = 32;

const text = (max: number) => safeText().trim().min(1, "Must not be empty").max(max, `At most ${max} characters`);

export const pluginRefSchema = z.strictObject({
  name: text(200),
  version: text(100),
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "Must be 64 hex characters")
    .transform((s) => s.toLowerCase())
    .optional(),
});
export type PluginRef = z.infer<typeof pluginRefSchema>;

export const eventSchema = z.strictObject({
  // Any 8-4-4-4-12 hex id: PostgreSQL's uuid type takes them all, and lower-casing makes
  // "ABC…" and "abc…" the same event for idempotency.
  eventId: z.guid("Must be a UUID").transform((s) => s.toLowerCase()),
  type: z.enum(EVENT_TYPES, `Must be one of ${EVENT_TYPES.join(", ")}`),
  observedAt: safeDate().transform((s) => new Date(s)),
  severity: z.enum(SEVERITIES, `Must be one of ${SEVERITIES.join(", ")}`).optional(),
  plugin: pluginRefSchema.optional(),
  details: safeJson({ maxDepth: MAX_DETAILS_DEPTH, maxBytes: MAX_DETAILS_BYTES }).optional(),
});
export type AgentEvent = z.infer<typeof eventSchema>;

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
};

export const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
export const maxSeverity = (a: Severity, b: Severity): Severity => (SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b);

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
};

/** Response events report what was done about an incident; they never open one. */
export const RESPONSE_EVENT_TYPES: ReadonlySet<EventType> = new Set(["command_rejected", "containment_applied", "rollback_completed"]);

export type IngestResult = { accepted: number; duplicates: number; incidentIds: string[] };
