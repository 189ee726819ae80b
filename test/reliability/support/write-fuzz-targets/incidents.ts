// Incidents and their follow-ups.
import fc from "fast-check";
import { reason, type Target, text, user, uuid } from "./builders.ts";

export const INCIDENTS_TARGETS: Record<string, Target> = {
  "POST /api/v1/incidents/[ref]/follow-ups": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/follow-ups`,
    (f) =>
      fc.record(
        {
          title: text(300),
          ownerId: fc.constantFrom(f.userId, null),
          dueAt: fc.constantFrom("2030-01-31T00:00:00Z", null),
        },
        { requiredKeys: ["title"] },
      ),
  ),
  // No follow-up exists in the fixtures: these exercise the parser and the not-found path.
  "PATCH /api/v1/follow-ups/[id]": user(
    () => "/api/v1/follow-ups/00000000-0000-4000-8000-000000000000",
    () =>
      fc.record(
        { status: fc.constantFrom("open", "done", "cancelled"), title: text(300) },
        { requiredKeys: [] },
      ),
  ),
  "POST /api/v1/follow-ups/[id]/playbook-draft": user(
    () => "/api/v1/follow-ups/00000000-0000-4000-8000-000000000000/playbook-draft",
    () => fc.record({}, { requiredKeys: [] }),
  ),
  "POST /api/v1/incidents/[ref]/transitions": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/transitions`,
    () =>
      fc.record(
        {
          from: fc.constantFrom("open", "acknowledged"),
          to: fc.constantFrom("acknowledged", "contained"),
          note: text(200),
        },
        { requiredKeys: ["from", "to"] },
      ),
  ),
  "POST /api/v1/incidents/[ref]/legal-hold": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/legal-hold`,
    () => reason,
  ),
  "DELETE /api/v1/incidents/[ref]/legal-hold": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/legal-hold`,
    () => reason,
  ),
  "POST /api/v1/incidents/[ref]/playbook": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/playbook`,
    () =>
      fc.record(
        { slug: fc.constantFrom("sandbox-escape", "unsigned-plugin"), version: fc.constant(1) },
        { requiredKeys: ["slug"] },
      ),
  ),
  "POST /api/v1/incidents/[ref]/comments": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/comments`,
    () =>
      fc.record({
        text: fc.oneof(text(4000), fc.constantFrom("x".repeat(4001), "a\u0000b", "\ud800", "  ")),
      }),
  ),
  "POST /api/v1/incidents/[ref]/severity": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/severity`,
    () =>
      fc.record(
        {
          severity: fc.constantFrom("low", "medium", "high", "critical", "urgent"),
          reason: text(1000),
        },
        { requiredKeys: ["severity"] },
      ),
  ),
  "POST /api/v1/incidents/[ref]/links": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/links`,
    (f) =>
      fc.record({
        incident: fc.oneof(
          fc.constantFrom(f.incidentKey, f.incidentId, "INC-1999-0001", "inc-0000-0000"),
          uuid,
          text(100),
        ),
      }),
  ),
  "DELETE /api/v1/incidents/[ref]/links": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/links`,
    (f) =>
      fc.record({
        incident: fc.oneof(fc.constantFrom(f.incidentKey, "INC-1999-0001"), uuid, text(100)),
      }),
  ),
  // The fixture has one incident: a merge can only be into itself (refused) or into nothing.
  "POST /api/v1/incidents/[ref]/merge": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/merge`,
    (f) =>
      fc.record(
        {
          into: fc.oneof(fc.constantFrom(f.incidentKey, f.incidentId, "INC-1999-0001"), uuid),
          note: text(1000),
        },
        { requiredKeys: ["into"] },
      ),
  ),
  "PUT /api/v1/incidents/[ref]/roles": user(
    (f) => `/api/v1/incidents/${f.incidentKey}/roles`,
    (f) =>
      fc.record({
        key: fc.constantFrom("containment-lead", "scribe", "comms"),
        userId: fc.constantFrom(f.userId, null),
      }),
  ),
};
