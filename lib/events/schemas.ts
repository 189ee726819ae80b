import { z } from "zod";

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
/** 10000-01-01T00:00:00Z: the first instant PostgreSQL's timestamp and JS ISO strings disagree on. */
export const MAX_TIMESTAMP_MS = Date.UTC(10000, 0, 1);

// PostgreSQL text and jsonb cannot hold U+0000: refuse it here (400) instead of failing at INSERT (500).
const NUL = "\u0000";
const text = (max: number) =>
  z.string().trim().min(1, "Must not be empty").max(max, `At most ${max} characters`).refine((s) => !s.includes(NUL), "Must not contain U+0000");

function hasNul(v: unknown): boolean {
  if (typeof v === "string") return v.includes(NUL);
  if (Array.isArray(v)) return v.some(hasNul);
  if (v && typeof v === "object") return Object.entries(v).some(([k, x]) => k.includes(NUL) || hasNul(x));
  return false;
}

export const MAX_DETAILS_DEPTH = 32;

/** Iterative nesting-depth check, safe on input of any depth. */
export function jsonDepthWithin(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d > max) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return true;
}

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
  observedAt: z.iso
    .datetime({ offset: true, message: "Must be an RFC 3339 timestamp with a zone, e.g. 2026-11-21T04:59:00Z" })
    .transform((s) => new Date(s))
    // Year 0000 or 10000+ passes the RFC 3339 check but not PostgreSQL's timestamp: a 400 here, not a 500 at INSERT.
    .refine((d) => d.getTime() >= 0 && d.getTime() < MAX_TIMESTAMP_MS, "Must be between 1970-01-01 and 9999-12-31"),
  severity: z.enum(SEVERITIES, `Must be one of ${SEVERITIES.join(", ")}`).optional(),
  plugin: pluginRefSchema.optional(),
  details: z
    .record(z.string(), z.unknown(), "Must be a JSON object")
    // One check, depth first: the byte count, the NUL scan and later canonicalisation all
    // recurse, and a 1 MiB body can nest deep enough to overflow the stack (a 500).
    .superRefine((d, ctx) => {
      if (!jsonDepthWithin(d, MAX_DETAILS_DEPTH)) return void ctx.addIssue({ code: "custom", message: `Must not nest deeper than ${MAX_DETAILS_DEPTH} levels` });
      if (Buffer.byteLength(JSON.stringify(d)) > MAX_DETAILS_BYTES) return void ctx.addIssue({ code: "custom", message: `Must serialize to at most ${MAX_DETAILS_BYTES} bytes` });
      if (hasNul(d)) ctx.addIssue({ code: "custom", message: "Must not contain U+0000 (PostgreSQL jsonb cannot store it)" });
    })
    .optional(),
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
