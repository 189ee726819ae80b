import { z } from "zod";
import { EVENT_TYPES, SEVERITIES } from "../protocol/events.ts";
import { safeText } from "../protocol/safe-schemas.ts";
import { INCIDENT_STATUSES } from "./transitions.ts";

export const transitionInput = z.strictObject({
  // What the responder saw: if the incident moved meanwhile, the change is refused (409)
  // rather than applied to a state nobody looked at.
  from: z.enum(INCIDENT_STATUSES),
  to: z.enum(INCIDENT_STATUSES),
  note: safeText().trim().max(2000, "At most 2000 characters").optional(),
});
export type TransitionInput = z.infer<typeof transitionInput>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  safeText()
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional();

export const listIncidentsQuery = z.object({
  status: csv(INCIDENT_STATUSES),
  severity: csv(SEVERITIES),
  plugin: safeText().trim().max(200).optional(),
  host: safeText().trim().max(200).optional(),
  q: safeText().trim().max(100).optional(),
  drill: z.enum(["true", "false"]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

/** An incident as every list of them names it: the incident list, a host's incidents, the report. */
export const incidentSummarySelect = {
  id: true,
  key: true,
  title: true,
  status: true,
  severity: true,
} as const;

export const incidentListSelect = {
  ...incidentSummarySelect,
  pluginName: true,
  pluginVersion: true,
  pluginSha256: true,
  detectedAt: true,
  openedAt: true,
  lastEventAt: true,
  eventCount: true,
  drill: true,
  // Which drill run: every list and page marks a drill incident with its run's key.
  drillRun: { select: { id: true, key: true } },
  _count: { select: { hosts: true } },
} as const;

/** The timestamp each status transition writes (transition-incident.ts). */
export const incidentTransitionTimesSelect = {
  acknowledgedAt: true,
  containedAt: true,
  containmentVerifiedAt: true,
  recoveredAt: true,
  closedAt: true,
  reopenedAt: true,
} as const;

export const incidentDetailSelect = {
  ...incidentListSelect,
  correlationKey: true,
  finding: true,
  ...incidentTransitionTimesSelect,
  legalHoldAt: true,
  updatedAt: true,
  recurrenceOf: { select: { key: true, closedAt: true } },
  recurrences: { select: { key: true, openedAt: true }, orderBy: { openedAt: "asc" } },
  mergedAt: true,
  mergedInto: { select: { key: true, title: true } },
  merges: { select: { key: true, title: true, mergedAt: true }, orderBy: { mergedAt: "asc" } },
} as const;

/** An event as its lists show it: the incident's event stream and the host page's latest. */
export const eventSummarySelect = {
  id: true,
  eventId: true,
  type: true,
  severity: true,
  observedAt: true,
  receivedAt: true,
  pluginName: true,
  pluginVersion: true,
} as const;

// The incident page's event stream: paged on the server (an incident can hold 100k events).
export const listIncidentEventsQuery = z.object({
  host: z.string().uuid("host must be a host id").optional(),
  type: csv(EVENT_TYPES),
  severity: csv(SEVERITIES),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

// Collaboration (issue 12, item 14). Plain text only: React renders it as text, never as
// Markdown or HTML, so a comment cannot carry markup into anyone's page.
export const COMMENT_MAX = 4000;
export const commentInput = z.strictObject({
  text: safeText()
    .trim()
    .min(1, "Write something")
    .max(COMMENT_MAX, `At most ${COMMENT_MAX} characters`),
});

export const severityInput = z.strictObject({
  severity: z.enum(SEVERITIES, `Must be one of ${SEVERITIES.join(", ")}`),
  reason: safeText().trim().max(1000, "At most 1000 characters").optional(),
});

/** Another incident, by key (INC-2026-0042) or id. */
const otherIncident = safeText().trim().min(1, "Name the other incident").max(100);
export const linkInput = z.strictObject({ incident: otherIncident });
export const mergeInput = z.strictObject({
  into: otherIncident,
  note: safeText().trim().max(1000, "At most 1000 characters").optional(),
});

// The list DTO as zod, so the OpenAPI document describes what GET /api/v1/incidents returns
// and list-incidents.ts is type-checked against it. Dates leave as RFC 3339 strings.
export const incidentListItemDto = z.object({
  id: z.uuid(),
  key: z.string(),
  title: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  severity: z.enum(SEVERITIES),
  pluginName: z.string().nullable(),
  pluginVersion: z.string().nullable(),
  pluginSha256: z.string().nullable(),
  detectedAt: z.date(),
  openedAt: z.date(),
  lastEventAt: z.date(),
  eventCount: z.number().int(),
  drill: z.boolean(),
  /** The drill run a drill incident belongs to (null for real incidents). */
  drillRun: z.object({ id: z.uuid(), key: z.string() }).nullable(),
  hostCount: z.number().int(),
});
export const incidentListDto = z.object({
  incidents: z.array(incidentListItemDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
