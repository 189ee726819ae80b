// Inputs of the playbook routes (zod) — the edges; DTOs are shaped by explicit selects in
// get-incident-playbook.ts and list-playbooks.ts.
import { z } from "zod";
import { MAX_INT4, safeText } from "../protocol/safe-schemas.ts";
export { stepActionSchema } from "./act-on-step.ts";

const slug = safeText().regex(/^[a-z][a-z0-9-]{0,62}$/);
export const startRunInput = z.object({ slug, version: z.number().int().positive().max(MAX_INT4).optional() }).strict();
export const assignRoleInput = z.object({ key: safeText().regex(/^[a-z][a-z0-9-]{0,62}$/), userId: safeText().uuid().nullable() }).strict();
export const validateInput = z.object({ content: safeText().max(256 * 1024) }).strict();
export const createDraftInput = z
  .object({ slug: slug.optional(), baseVersion: z.number().int().positive().max(MAX_INT4).optional(), content: safeText().min(1).max(256 * 1024).optional(), note: safeText().max(500).optional() })
  .strict()
  .refine((d) => (d.slug && d.baseVersion) || d.content, "give slug + baseVersion, or content");
export const updateDraftInput = z.object({ content: safeText().min(1).max(256 * 1024) }).strict();
export const notificationsReadInput = z.union([z.object({ all: z.literal(true) }).strict(), z.object({ ids: z.array(safeText().uuid()).min(1).max(500) }).strict()]);
export const webhookInput = z
  .object({
    team: safeText().regex(/^[a-z][a-z0-9-]{0,62}$/),
    url: safeText().url().refine((u) => /^https?:\/\//.test(u), "http(s) URLs only"),
    secret: safeText().min(16, "at least 16 characters").max(200),
    format: z.enum(["json", "slack"]).default("json"),
  })
  .strict();

export function zodFieldErrors(e: z.ZodError) {
  return e.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
}
export const compareVersionsQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }).strict();
