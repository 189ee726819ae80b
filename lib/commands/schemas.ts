// zod at both edges for commands: what a person sends to issue/approve/cancel and list. The
// wire side (per-type params, receipts, the signed payload) is lib/protocol/commands.ts.
import { z } from "zod";
import { commandTypeSchema, commandPluginRefSchema as pluginRef } from "../protocol/commands.ts";
import { safeJson, safeText } from "../protocol/safe-schemas.ts";

export const issueCommandInput = z
  .object({
    type: commandTypeSchema,
    params: safeJson(),
    hostIds: z.array(safeText().uuid()).min(1).max(10_000).optional(),
    // Fleet-wide: every active host running this plugin (resolved server-side, never truncated).
    fleet: z.object({ plugin: pluginRef }).strict().optional(),
    comment: safeText().trim().min(3, "Say why (at least 3 characters)").max(2000),
    incidentId: safeText().uuid().optional(),
    // No stepRunId here: linking a command to a playbook step would let any command (a harmless
    // collect_artifact) complete any step (an approval-gated isolate_host). Only
    // issueStepCommand links, after checking the step's kind, incident and state.
    // Time-boxed containment (isolate_host, revoke_permissions only): the reverse is issued after this.
    durationSeconds: z
      .number()
      .int()
      .min(60)
      .max(30 * 86400)
      .optional(),
    // Admin-only: skips the second approver, demands a reason, audited loudly.
    breakGlassReason: safeText()
      .trim()
      .min(10, "A break-glass reason needs at least 10 characters")
      .max(2000)
      .optional(),
  })
  .strict()
  .refine((v) => Boolean(v.hostIds) !== Boolean(v.fleet), {
    message: "Give either hostIds or fleet",
    path: ["hostIds"],
  });
export type IssueCommandInput = z.infer<typeof issueCommandInput>;

export const approveInput = z.object({ comment: safeText().trim().max(2000).optional() }).strict();
export const rejectInput = z
  .object({ reason: safeText().trim().min(3, "Say why (at least 3 characters)").max(2000) })
  .strict();
export const cancelInput = z.object({ reason: safeText().trim().min(3).max(2000) }).strict();
export const extendInput = z
  .object({
    seconds: z
      .number()
      .int()
      .min(60)
      .max(30 * 86400),
  })
  .strict();

export const pollQuery = z.object({
  waitSeconds: z.coerce.number().int().min(0).max(30).default(0),
});

export const listCommandsQuery = z.object({
  status: z
    .enum([
      "awaiting_approval",
      "queued",
      "delivered",
      "acknowledged",
      "succeeded",
      "failed",
      "expired",
      "cancelled",
    ])
    .optional(),
  type: commandTypeSchema.optional(),
  hostId: safeText().uuid().optional(),
  incidentId: safeText().uuid().optional(),
  requestId: safeText().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListCommandsQuery = z.infer<typeof listCommandsQuery>;
