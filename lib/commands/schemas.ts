// zod at both edges for commands: what a person sends to issue/approve/cancel and list. The
// wire side (per-type params, receipts, the signed payload) is lib/protocol/commands.ts.
import { z } from "zod";
import {
  commandTypeSchema,
  envelopeSchema,
  commandPluginRefSchema as pluginRef,
  RECEIPT_STATUSES,
} from "../protocol/commands.ts";
import { safeJson, safeText } from "../protocol/safe-schemas.ts";
import { COMMAND_STATUSES } from "./transitions.ts";

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
  status: z.enum(COMMAND_STATUSES).optional(),
  type: commandTypeSchema.optional(),
  hostId: safeText().uuid().optional(),
  incidentId: safeText().uuid().optional(),
  requestId: safeText().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListCommandsQuery = z.infer<typeof listCommandsQuery>;

// Reply DTOs as zod, for the OpenAPI document (and type-checked against the use cases that
// return them). Dates leave as RFC 3339 strings.
export const APPROVAL_STATES = ["not_required", "pending", "approved", "break_glass"] as const;
export const issueCommandDto = z.object({
  requestId: z.uuid(),
  approval: z.enum(APPROVAL_STATES),
  commandIds: z.array(z.uuid()),
});

export const receiptDto = z.object({
  status: z.enum(RECEIPT_STATUSES),
  at: z.date(),
  receivedAt: z.date(),
  result: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
});

/** One command as GET /api/v1/commands/{id} shows it: the fields a script relies on are
 *  described; the request, step and timestamps of every transition come along. */
export const commandDetailDto = z.looseObject({
  id: z.uuid(),
  type: commandTypeSchema,
  status: z.enum(COMMAND_STATUSES),
  hostId: z.uuid(),
  host: z.object({ hostname: z.string() }),
  incidentId: z.uuid().nullable(),
  requestId: z.uuid(),
  params: z.record(z.string(), z.unknown()),
  kid: z.string().nullable(),
  createdAt: z.date(),
  expiresAt: z.date(),
  failureReason: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  receipts: z.array(receiptDto),
  envelope: envelopeSchema.nullable(),
});
