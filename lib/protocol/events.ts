// The wire shape of an agent event (docs/AGENT-PROTOCOL.md, POST /events): what the server
// parses and the reference agent sends. Objects are strict: a misspelt field ("observed_at",
// "severty") is a 400 naming it, never silently dropped — a dropped severity would quietly
// change how an incident is ranked.
import { z } from "zod";
import { safeDate, safeJson, safeText } from "./safe-schemas.ts";

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
  "external_detection",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

// POST /events: 1–500 events and at most 1 MiB per batch; details at most 16 KiB and 32 levels.
export const MAX_BATCH_EVENTS = 500;
export const MAX_BODY_BYTES = 1 << 20;
export const MAX_DETAILS_BYTES = 16 * 1024;
export const MAX_DETAILS_DEPTH = 32;

const text = (max: number) =>
  safeText().trim().min(1, "Must not be empty").max(max, `At most ${max} characters`);

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
/** An event as the server holds it after parsing (lower-cased ids, observedAt a Date). */
export type AgentEvent = z.infer<typeof eventSchema>;
/** An event as an agent sends it. */
export type WireEvent = z.input<typeof eventSchema>;

/** The body of POST /events as a whole. The server checks each event on its own (so a 400
 *  names every bad index, see parse-batch.ts); this is the shape the OpenAPI document shows. */
export const eventsBatchSchema = z.strictObject({
  events: z.array(eventSchema).min(1).max(MAX_BATCH_EVENTS),
});
/** What an `external_detection` event says about the finding it reports, in
 *  `details.finding` (docs/AGENT-PROTOCOL.md): the detecting tool's own identity for it. The
 *  server correlates on `uid`/`title` and keeps these on the incident. Other fields are kept
 *  in the event's details; parsing strips them, so only these reach the incident. */
export const externalFindingSchema = z.object({
  uid: text(500).optional(),
  title: text(500).optional(),
  types: z.array(text(200)).max(20, "At most 20 types").optional(),
  product: z.object({ name: text(200).optional(), vendor: text(200).optional() }).optional(),
  class: text(100).optional(),
});
export type ExternalFinding = z.infer<typeof externalFindingSchema>;

export const eventsReplySchema = z.object({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  incidentIds: z.array(z.string()),
});
export type EventsReply = z.infer<typeof eventsReplySchema>;
