// Inputs of the notification routes (zod): marking my notifications read, and the outbound
// webhook endpoints notifications are also delivered to.
import { z } from "zod";
import { safeText } from "../protocol/safe-schemas.ts";

export const notificationsReadInput = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ ids: z.array(safeText().uuid()).min(1).max(500) }).strict(),
]);

export const webhookInput = z
  .object({
    team: safeText().regex(/^[a-z][a-z0-9-]{0,62}$/),
    url: safeText()
      .url()
      .refine((u) => /^https?:\/\//.test(u), "http(s) URLs only"),
    secret: safeText().min(16, "at least 16 characters").max(200),
    format: z.enum(["json", "slack"]).default("json"),
  })
  .strict();

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Must be HH:MM (24-hour)")
  .nullable();

/** PUT /api/v1/me/notification-preferences: the whole set, as the settings form sends it. */
export const notificationPreferencesInput = z
  .strictObject({
    emailEscalations: z.boolean(),
    emailApprovals: z.boolean(),
    emailAssignments: z.boolean(),
    quietFrom: hhmm,
    quietTo: hhmm,
    // Checked against the runtime's time-zone data in the use case (a refine here would
    // make this schema depend on Intl at import).
    timeZone: safeText().min(1).max(64),
  })
  .refine((p) => (p.quietFrom === null) === (p.quietTo === null), {
    path: ["quietTo"],
    message: "Set both ends of the quiet hours, or neither",
  });
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesInput>;
