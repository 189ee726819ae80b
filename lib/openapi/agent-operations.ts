import "server-only";
import { cliRequestInput } from "../admin/run-cli-request.ts";
import { pollQuery } from "../commands/schemas.ts";
import { commandsReplySchema, receiptInput } from "../protocol/commands.ts";
import { eventsBatchSchema, eventsReplySchema } from "../protocol/events.ts";
import {
  enrollInput,
  enrollReplySchema,
  inventoryInput,
  serverKeysReplySchema,
} from "../protocol/hosts.ts";
import { type Operation, agentOp as op, TUS_412, TUS_BODY } from "./operation.ts";

// The host-agent API (docs/AGENT-PROTOCOL.md is the normative prose; this is the same
// contract from lib/protocol/), and the few routes outside both APIs.
const base = "/api/agent/v1";
const overload = {
  429: "Too many concurrent batches (Retry-After)",
  503: "Database unreachable (Retry-After)",
};

export const AGENT_OPERATIONS: Operation[] = [
  op("post", `${base}/enroll`, "Trade a one-time enrollment token for a host id and credential", {
    credential: "public",
    body: enrollInput,
    status: 201,
    reply: enrollReplySchema,
    also: {
      409: "This enrollmentId completed and its credential is live",
      429: "Enrolments arrive too fast (Retry-After)",
    },
  }),
  op("put", `${base}/inventory`, "Replace the calling host's plugin list", {
    body: inventoryInput,
    reply: "Stored",
  }),
  op(
    "post",
    `${base}/events`,
    "Batch ingest: atomic, idempotent by host + eventId, durable before the 200",
    {
      body: eventsBatchSchema,
      reply: eventsReplySchema,
      also: {
        413: "Over 500 events or 1 MiB",
        422: "An eventId resent with different content",
        ...overload,
      },
    },
  ),
  op(
    "post",
    `${base}/ocsf`,
    "OCSF 1.x findings from a host, mapped onto agent events and ingested like /events",
    {
      rawBody: {
        contentType: "application/json",
        description: "An OCSF event or `{ events: [...] }`; see docs/OCSF.md",
      },
      reply: eventsReplySchema,
      also: {
        413: "Over the batch limits",
        422: "Neither a finding (2004 Detection, 2001 Security) nor a remediation class",
        ...overload,
      },
    },
  ),
  op("get", `${base}/commands`, "Long-poll for the host's signed commands (60 s lease)", {
    query: pollQuery,
    reply: commandsReplySchema,
  }),
  op("post", `${base}/commands/{id}/receipts`, "Report received / succeeded / failed / rejected", {
    body: receiptInput,
    reply: "The command's state",
    also: {
      409: "Would move a finished command elsewhere",
      410: "Never received and past expiresAt",
    },
  }),
  op(
    "get",
    `${base}/server-keys`,
    "Published command-verification keys and the retired links of the endorsement chain",
    {
      reply: serverKeysReplySchema,
    },
  ),
  op("post", `${base}/artifacts`, "tus creation of an artifact upload", {
    rawBody: TUS_BODY,
    status: 201,
    reply: "Empty; Location names the upload",
    also: TUS_412,
  }),
  op("head", `${base}/artifacts/{uploadId}`, "tus: the upload's offset", {
    reply: "Empty; Upload-Offset and Upload-Length headers",
  }),
  op(
    "patch",
    `${base}/artifacts/{uploadId}`,
    "tus: append bytes (SHA-256 verified on the last byte)",
    {
      rawBody: TUS_BODY,
      status: 204,
      reply: "Empty; Upload-Offset header",
      also: { ...TUS_412, 460: "The SHA-256 of the whole file does not match the claimed one" },
    },
  ),
  op("delete", `${base}/artifacts/{uploadId}`, "tus: terminate an upload", {
    status: 204,
    reply: "Empty",
    also: TUS_412,
  }),
];

const tusDiscovery = (path: string, tag: string): Operation => ({
  method: "options",
  path,
  tag,
  summary: "tus discovery: protocol version and size limit (no credential)",
  credential: "public",
  status: 204,
  reply: "Empty; Tus-Version, Tus-Extension and Tus-Max-Size headers",
});

export const PUBLIC_OPERATIONS: Operation[] = [
  tusDiscovery(`${base}/artifacts`, "Host agents"),
  tusDiscovery(`${base}/artifacts/{uploadId}`, "Host agents"),
  tusDiscovery("/api/v1/artifacts/uploads", "Artifacts"),
  tusDiscovery("/api/v1/artifacts/uploads/{uploadId}", "Artifacts"),
  {
    method: "get",
    path: "/api/health",
    tag: "Server",
    summary: "Liveness and database reachability",
    credential: "public",
    reply: '`{ status: "ok" }`',
    also: { 503: "Database unreachable" },
  },
  {
    method: "get",
    path: "/api/metrics",
    tag: "Server",
    summary: "Prometheus metrics (text exposition format) for operators",
    credential: "metrics",
    reply: 'Prometheus text format 0.0.4; see README "Prometheus metrics"',
    also: { 404: "BREAKWATER_METRICS_TOKEN is not set" },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    tag: "Server",
    summary: "This document",
    credential: "public",
    reply: "The OpenAPI 3.1 document",
  },
  {
    method: "post",
    path: "/api/admin/v1/cli",
    tag: "Server",
    summary: "Run an `npm run bw` command inside the server (local admin token only)",
    credential: "admin",
    body: cliRequestInput,
    reply: "The command's exit code and output",
  },
];
