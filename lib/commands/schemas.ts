// zod at both edges for commands: per-type params (the protocol table), what a person sends
// to issue/approve/cancel, what an agent sends as a receipt.
import { z } from "zod";
import { safeDate, safeJson, safeText } from "../protocol/safe-schemas.ts";
import { COMMAND_TYPES } from "./config.ts";

const pluginRef = z
  .object({
    name: safeText().min(1).max(200),
    version: safeText().min(1).max(100).optional(),
    sha256: safeText().regex(/^[0-9a-f]{64}$/, "sha256 must be 64 lowercase hex").optional(),
  })
  .strict();
const permission = safeText().min(1).max(200);

export const PARAMS_SCHEMAS = {
  revoke_permissions: z.object({ plugin: pluginRef, permissions: z.union([z.array(permission).min(1).max(100), z.literal("all")]) }).strict(),
  restore_permissions: z.object({ plugin: pluginRef, permissions: z.array(permission).min(1).max(100) }).strict(),
  quarantine_plugin: z.object({ plugin: pluginRef }).strict(),
  kill_process: z
    .object({ plugin: pluginRef.optional(), pid: z.number().int().positive().optional() })
    .strict()
    .refine((p) => p.plugin || p.pid, "kill_process needs a plugin or a pid"),
  isolate_host: z.object({ allow: z.array(safeText().min(1).max(300)).max(50).optional() }).strict(),
  release_host: z.object({}).strict(),
  rollback_runtime: z.object({ to: safeText().min(1).max(100) }).strict(),
  collect_artifact: z
    .object({ kind: z.enum(["log", "process_dump", "network_capture", "memory_image", "screenshot", "other"]), what: safeText().min(1).max(500), maxBytes: z.number().int().positive().max(16 * 2 ** 30) })
    .strict(),
} as const;

export const commandTypeSchema = z.enum(COMMAND_TYPES);

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
    durationSeconds: z.number().int().min(60).max(30 * 86400).optional(),
    // Admin-only: skips the second approver, demands a reason, audited loudly.
    breakGlassReason: safeText().trim().min(10, "A break-glass reason needs at least 10 characters").max(2000).optional(),
  })
  .strict()
  .refine((v) => Boolean(v.hostIds) !== Boolean(v.fleet), { message: "Give either hostIds or fleet", path: ["hostIds"] });
export type IssueCommandInput = z.infer<typeof issueCommandInput>;

export const approveInput = z.object({ comment: safeText().trim().max(2000).optional() }).strict();
export const rejectInput = z.object({ reason: safeText().trim().min(3, "Say why (at least 3 characters)").max(2000) }).strict();
export const cancelInput = z.object({ reason: safeText().trim().min(3).max(2000) }).strict();
export const extendInput = z.object({ seconds: z.number().int().min(60).max(30 * 86400) }).strict();

export const receiptInput = z
  .object({
    status: z.enum(["received", "succeeded", "failed", "rejected"]),
    at: safeDate(),
    result: safeJson().optional(),
    reason: safeText().max(2000).optional(),
  })
  .strict();
export type ReceiptInput = z.infer<typeof receiptInput>;

export const pollQuery = z.object({ waitSeconds: z.coerce.number().int().min(0).max(30).default(0) });

export const listCommandsQuery = z.object({
  status: z.enum(["awaiting_approval", "queued", "delivered", "acknowledged", "succeeded", "failed", "expired", "cancelled"]).optional(),
  type: commandTypeSchema.optional(),
  hostId: safeText().uuid().optional(),
  incidentId: safeText().uuid().optional(),
  requestId: safeText().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListCommandsQuery = z.infer<typeof listCommandsQuery>;

/** The signed payload, exactly the protocol's shape. */
export type CommandPayload = {
  v: 1;
  id: string;
  hostId: string;
  type: (typeof COMMAND_TYPES)[number];
  params: Record<string, unknown>;
  issuedAt: string;
  notBefore: string;
  expiresAt: string;
  nonce: string;
};
export type Envelope = { payload: CommandPayload; kid: string; signature: string };
