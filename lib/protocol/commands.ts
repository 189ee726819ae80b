// The commands of docs/AGENT-PROTOCOL.md (GET /commands, POST /commands/{id}/receipts): the
// types and their params, the signed payload an agent receives, and the receipt it answers
// with. The server issues and parses with these; the reference agent executes against them.
// No node: imports here, so the console's client components can list the types too (signing
// and verifying are in envelope.ts).
import { z } from "zod";
import { safeDate, safeJson, safeText } from "./safe-schemas.ts";

export const COMMAND_TYPES = [
  "revoke_permissions",
  "restore_permissions",
  "quarantine_plugin",
  "kill_process",
  "isolate_host",
  "release_host",
  "rollback_runtime",
  "collect_artifact",
] as const;
export type CommandTypeName = (typeof COMMAND_TYPES)[number];
export const commandTypeSchema = z.enum(COMMAND_TYPES);

/** A delivered command with no receipt after this is delivered again. */
export const LEASE_SECONDS = 60;

/** What collect_artifact may ask for; the server's artifacts carry the same kinds. */
export const ARTIFACT_KINDS = [
  "log",
  "process_dump",
  "network_capture",
  "memory_image",
  "screenshot",
  "other",
] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

const pluginRef = z
  .object({
    name: safeText().min(1).max(200),
    version: safeText().min(1).max(100).optional(),
    sha256: safeText()
      .regex(/^[0-9a-f]{64}$/, "sha256 must be 64 lowercase hex")
      .optional(),
  })
  .strict();
const permission = safeText().min(1).max(200);

/** The params of each command type: the protocol's table. */
export const PARAMS_SCHEMAS = {
  revoke_permissions: z
    .object({
      plugin: pluginRef,
      permissions: z.union([z.array(permission).min(1).max(100), z.literal("all")]),
    })
    .strict(),
  restore_permissions: z
    .object({ plugin: pluginRef, permissions: z.array(permission).min(1).max(100) })
    .strict(),
  quarantine_plugin: z.object({ plugin: pluginRef }).strict(),
  kill_process: z
    .object({ plugin: pluginRef.optional(), pid: z.number().int().positive().optional() })
    .strict()
    .refine((p) => p.plugin || p.pid, "kill_process needs a plugin or a pid"),
  isolate_host: z
    .object({ allow: z.array(safeText().min(1).max(300)).max(50).optional() })
    .strict(),
  release_host: z.object({}).strict(),
  rollback_runtime: z.object({ to: safeText().min(1).max(100) }).strict(),
  collect_artifact: z
    .object({
      kind: z.enum(ARTIFACT_KINDS),
      what: safeText().min(1).max(500),
      maxBytes: z
        .number()
        .int()
        .positive()
        .max(16 * 2 ** 30),
    })
    .strict(),
} as const;

/** A fleet-wide command (the server's issue form) names its plugin as the params do. */
export const commandPluginRefSchema = pluginRef;

/** The signed payload, exactly the protocol's shape. */
export type CommandPayload = {
  v: 1;
  id: string;
  hostId: string;
  type: CommandTypeName;
  params: Record<string, unknown>;
  issuedAt: string;
  notBefore: string;
  expiresAt: string;
  nonce: string;
};
export type Envelope = { payload: CommandPayload; kid: string; signature: string };

// The same shapes as zod, for the OpenAPI document of the agent API and for anyone who
// parses a poll reply. The agent's own checks are in envelope.ts.
export const commandPayloadSchema = z.object({
  v: z.literal(1),
  id: z.uuid(),
  hostId: z.string(),
  type: commandTypeSchema,
  params: z.record(z.string(), z.unknown()),
  issuedAt: z.string(),
  notBefore: z.string(),
  expiresAt: z.string(),
  nonce: z.string(),
});
export const envelopeSchema = z.object({
  payload: commandPayloadSchema,
  kid: z.string(),
  signature: z.string().describe("Ed25519 over the RFC 8785 canonical JSON of payload, base64url"),
});
export const commandsReplySchema = z.object({ commands: z.array(envelopeSchema) });

export const RECEIPT_STATUSES = ["received", "succeeded", "failed", "rejected"] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

// The body limit (64 KiB) is the receipts route's; the reason's 2000 characters are here.
export const receiptInput = z
  .object({
    status: z.enum(RECEIPT_STATUSES),
    at: safeDate(),
    result: safeJson().optional(),
    reason: safeText().max(2000).optional(),
  })
  .strict();
export type ReceiptInput = z.infer<typeof receiptInput>;
