// The wire types of docs/AGENT-PROTOCOL.md as the reference agent sees them. Plain
// Node (no server-only): this file is imported by the agent CLI, tests and the benchmark.
import { z } from "zod";

export const AGENT_VERSION = "breakwater-ref-agent/1.0.0";
export const API_BASE = "/api/agent/v1";

export const EVENT_TYPES = [
  "sandbox_escape_attempt",
  "permission_violation",
  "quota_exceeded",
  "ipc_anomaly",
  "unsigned_plugin_loaded",
  "plugin_quarantined",
  "containment_applied",
  "rollback_completed",
  "command_rejected",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type Severity = "low" | "medium" | "high" | "critical";
export type PluginState = "active" | "disabled" | "quarantined" | "revoked";

export type Plugin = {
  name: string;
  version: string;
  origin: string;
  signer: string | null;
  sha256: string;
  permissions: string[];
  state: PluginState;
};

export type AgentEvent = {
  eventId: string;
  type: EventType;
  observedAt: string;
  severity?: Severity;
  plugin?: { name: string; version: string; sha256?: string };
  details?: Record<string, unknown>;
};

/** Protocol limits: 1–500 events and ≤ 1 MiB per POST /events. */
export const MAX_BATCH_EVENTS = 500;
export const MAX_BODY_BYTES = 1 << 20;

// Server replies are parsed, not trusted: a malformed reply is treated like a failed call.
export const enrollReplySchema = z.object({
  hostId: z.string().min(1),
  hostToken: z.string().min(1),
  serverKeys: z.array(z.object({ kid: z.string(), alg: z.literal("Ed25519"), publicKey: z.string() })),
  pollSeconds: z.number().int().positive(),
  maxBatchEvents: z.number().int().positive(),
});
export type EnrollReply = z.infer<typeof enrollReplySchema>;

export const eventsReplySchema = z.object({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  incidentIds: z.array(z.string()),
});
export type EventsReply = z.infer<typeof eventsReplySchema>;

export const problemSchema = z
  .object({
    status: z.number().optional(),
    title: z.string().optional(),
    detail: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .passthrough();
export type Problem = z.infer<typeof problemSchema>;
