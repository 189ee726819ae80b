// Inputs of the playbook routes (zod) — the edges; DTOs are shaped by explicit selects in
// get-incident-playbook.ts and list-playbooks.ts, from the shared parts below.
import { z } from "zod";
import { MAX_INT4, safeDate, safeText } from "../protocol/safe-schemas.ts";

/** A run as every view of it names it: which playbook version, and how far it got. */
export const runSummarySelect = {
  slug: true,
  version: true,
  contentHash: true,
  status: true,
  startedAt: true,
  completedAt: true,
} as const;

/** A step as every view of it names it (the playbook section, the report, drill scoring, an
 *  action on it): which step, whose, and when it became ready and was completed, by whom. */
export const stepSummarySelect = {
  key: true,
  kind: true,
  title: true,
  role: true,
  status: true,
  readyAt: true,
  completedAt: true,
  completedByName: true,
} as const;

const slug = safeText().regex(/^[a-z][a-z0-9-]{0,62}$/);
export const startRunInput = z
  .object({ slug, version: z.number().int().positive().max(MAX_INT4).optional() })
  .strict();
export const assignRoleInput = z
  .object({ key: safeText().regex(/^[a-z][a-z0-9-]{0,62}$/), userId: safeText().uuid().nullable() })
  .strict();
export const validateInput = z.object({ content: safeText().max(256 * 1024) }).strict();
export const createDraftInput = z
  .object({
    slug: slug.optional(),
    baseVersion: z.number().int().positive().max(MAX_INT4).optional(),
    content: safeText()
      .min(1)
      .max(256 * 1024)
      .optional(),
    note: safeText().max(500).optional(),
  })
  .strict()
  .refine((d) => (d.slug && d.baseVersion) || d.content, "give slug + baseVersion, or content");
export const updateDraftInput = z
  .object({
    content: safeText()
      .min(1)
      .max(256 * 1024),
    // The draft's updatedAt as the editor loaded it: a save over a newer save is refused.
    expectedUpdatedAt: safeDate().optional(),
  })
  .strict();
// What a responder does to a step (POST /playbook-steps/{id}); issue_command alone is
// dispatched before this schema (actOnStepFromBody).
export const stepActionSchema = z.discriminatedUnion("action", [
  z
    .object({
      action: z.literal("save"),
      note: safeText().max(4000).optional(),
      checklist: z.array(z.boolean()).max(100).optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal("complete"),
      note: safeText().max(4000).optional(),
      checklist: z.array(z.boolean()).max(100).optional(),
    })
    .strict(),
  z
    .object({ action: z.literal("request_approval"), note: safeText().max(4000).optional() })
    .strict(),
  z.object({ action: z.literal("approve"), note: safeText().max(4000).optional() }).strict(),
  z.object({ action: z.literal("reject"), note: safeText().min(1, "say why").max(4000) }).strict(),
  z
    .object({
      action: z.literal("decide"),
      choice: safeText().min(1),
      note: safeText().max(4000).optional(),
    })
    .strict(),
]);
export type StepAction = z.infer<typeof stepActionSchema>;
export const compareVersionsQuery = z
  .object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() })
  .strict();
