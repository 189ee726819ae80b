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
