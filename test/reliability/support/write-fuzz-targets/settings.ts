// Notifications, signing keys, users and webhooks.
import fc from "fast-check";
import { type Target, text, user, uuid } from "./builders.ts";

export const SETTINGS_TARGETS: Record<string, Target> = {
  "PUT /api/v1/me/notification-preferences": user(
    () => "/api/v1/me/notification-preferences",
    () =>
      fc.record({
        emailEscalations: fc.boolean(),
        emailApprovals: fc.boolean(),
        emailAssignments: fc.boolean(),
        quietFrom: fc.constantFrom(null, "22:00", "7:00", "24:00"),
        quietTo: fc.constantFrom(null, "07:00", "x"),
        timeZone: fc.constantFrom("UTC", "Europe/Berlin", "Mars/Olympus", ""),
      }),
  ),
  "POST /api/v1/notifications/read": user(
    () => "/api/v1/notifications/read",
    () =>
      fc.oneof(
        fc.constant({ all: true }),
        fc.record({ ids: fc.array(uuid, { minLength: 1, maxLength: 5 }) }),
      ),
  ),
  "POST /api/v1/signing-keys/rotate": user(
    () => "/api/v1/signing-keys/rotate",
    () => fc.constant({ confirm: "rotate-not" }),
  ),
  "POST /api/v1/users": user(
    () => "/api/v1/users",
    () =>
      fc.record({
        email: fc.emailAddress(),
        name: text(),
        role: fc.constantFrom("viewer", "responder"),
        password: fc.string({ minLength: 12, maxLength: 40 }),
      }),
  ),
  "PATCH /api/v1/users/[id]": user(
    (f) => `/api/v1/users/${f.userId}`,
    () =>
      fc.record(
        {
          role: fc.constantFrom("viewer", "responder"),
          status: fc.constantFrom("active", "disabled"),
        },
        { requiredKeys: [] },
      ),
  ),
  "POST /api/v1/webhooks": user(
    () => "/api/v1/webhooks",
    () =>
      fc.record({
        team: fc.constantFrom("default", "sec-ops"),
        url: fc.constant("http://127.0.0.1:9/hook"),
        secret: fc.string({ minLength: 16, maxLength: 40 }),
        format: fc.constantFrom("json", "slack"),
      }),
  ),
  "DELETE /api/v1/webhooks/[id]": user(
    (f) => `/api/v1/webhooks/${f.webhookId}`,
    () => fc.constant({}),
  ),
};
