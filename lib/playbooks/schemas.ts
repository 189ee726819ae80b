// Inputs of the playbook routes (zod) — the edges; DTOs are shaped by explicit selects in
// get-incident-playbook.ts and list-playbooks.ts.
import { z } from "zod";
export { stepActionSchema } from "./act-on-step.ts";

const slug = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/);
export const startRunInput = z.object({ slug, version: z.number().int().positive().optional() }).strict();
export const assignRoleInput = z.object({ key: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/), userId: z.string().uuid().nullable() }).strict();
export const validateInput = z.object({ content: z.string().max(256 * 1024) }).strict();
export const createDraftInput = z
  .object({ slug: slug.optional(), baseVersion: z.number().int().positive().optional(), content: z.string().min(1).max(256 * 1024).optional(), note: z.string().max(500).optional() })
  .strict()
  .refine((d) => (d.slug && d.baseVersion) || d.content, "give slug + baseVersion, or content");
export const updateDraftInput = z.object({ content: z.string().min(1).max(256 * 1024) }).strict();
export const notificationsReadInput = z.union([z.object({ all: z.literal(true) }).strict(), z.object({ ids: z.array(z.string().uuid()).min(1).max(500) }).strict()]);
export const webhookInput = z
  .object({
    team: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/),
    url: z.string().url().refine((u) => /^https?:\/\//.test(u), "http(s) URLs only"),
    secret: z.string().min(16, "at least 16 characters").max(200),
    format: z.enum(["json", "slack"]).default("json"),
  })
  .strict();

export function zodFieldErrors(e: z.ZodError) {
  return e.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
}
export const compareVersionsQuery = z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }).strict();
