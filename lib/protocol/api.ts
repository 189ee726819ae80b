// What every agent call shares (docs/AGENT-PROTOCOL.md, top): the base path and the RFC 9457
// problem body of every error.
import { z } from "zod";

export const API_BASE = "/api/agent/v1";

// Parsed loosely on purpose: an agent reads what it needs from a refusal (status, the
// `errors` paths) and must not treat an extra member as a malformed reply.
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
