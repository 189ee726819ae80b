import { AppError, type FieldError } from "../errors/app-error.ts";
import { fieldErrorsOf } from "../errors/parse-input.ts";
import { canonicalJson, sha256Hex } from "../protocol/canonical-json.ts";
import { type AgentEvent, eventSchema, MAX_BATCH_EVENTS } from "../protocol/events.ts";

export type ParsedEvent = AgentEvent & { index: number; contentHash: string };

/** Validates a whole batch before anything touches the database: every bad event is
 *  reported with its index (events.3.observedAt), so the agent can fix all of them at once. */
export function parseBatch(raw: unknown): ParsedEvent[] {
  if (
    !raw ||
    typeof raw !== "object" ||
    Array.isArray(raw) ||
    !Array.isArray((raw as { events?: unknown }).events)
  ) {
    throw new AppError("invalid_input", "The body must be { events: Event[] }.", {
      errors: [{ path: "events", message: "Must be an array of events" }],
    });
  }
  const extra = Object.keys(raw).filter((k) => k !== "events");
  if (extra.length) {
    throw new AppError("invalid_input", "The body has unknown fields.", {
      errors: extra.map((k) => ({ path: k, message: "Unknown field" })),
    });
  }
  const events = (raw as { events: unknown[] }).events;
  if (events.length > MAX_BATCH_EVENTS) {
    throw new AppError(
      "payload_too_large",
      `A batch holds at most ${MAX_BATCH_EVENTS} events; this one has ${events.length}.`,
    );
  }
  if (events.length === 0) {
    throw new AppError("invalid_input", "A batch holds at least one event.", {
      errors: [{ path: "events", message: "Must contain at least 1 event" }],
    });
  }
  const errors: FieldError[] = [];
  const parsed: ParsedEvent[] = [];
  events.forEach((e, index) => {
    const r = eventSchema.safeParse(e);
    if (!r.success) {
      errors.push(...fieldErrorsOf(r.error.issues, { prefix: ["events", index] }));
      return;
    }
    parsed.push({ ...r.data, index, contentHash: contentHashOf(r.data) });
  });
  if (errors.length) {
    const bad = new Set(errors.map((x) => x.path.split(".")[1]));
    throw new AppError(
      "invalid_input",
      `${bad.size} of ${events.length} events are invalid; nothing was stored.`,
      { errors },
    );
  }
  return parsed;
}

/** Identity of an event's content for idempotency: canonical JSON (RFC 8785) of the
 *  normalised event, so a resend with other key order or "Z" vs "+00:00" is the same
 *  event, and any change in meaning is not. */
export function contentHashOf(e: AgentEvent): string {
  const canonical = canonicalJson({
    eventId: e.eventId,
    type: e.type,
    observedAt: e.observedAt.toISOString(),
    severity: e.severity ?? null,
    plugin: e.plugin ?? null,
    details: e.details ?? null,
  });
  return sha256Hex(canonical);
}
