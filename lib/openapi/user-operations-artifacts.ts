import "server-only";
import {
  deleteArtifactSchema,
  listArtifactsQuery,
  retentionUpdateSchema,
} from "../artifacts/schemas.ts";
import { rotateSigningKeyInput } from "../key-rotation/rotate-signing-key.ts";
import { webhookInput } from "../notifications/schemas.ts";
import { type Operation, userOp as op, TUS_412, TUS_BODY } from "./operation.ts";

// The user API, part four: artifacts, uploads (tus) and settings.

export const ARTIFACT_OPERATIONS: Operation[] = [
  op(
    "post",
    "/api/v1/signing-keys/rotate",
    "Settings",
    "Add a new command-signing key, endorsed by the current one",
    "settings:manage",
    {
      body: rotateSigningKeyInput,
      status: 201,
      reply: "The new key",
    },
  ),
  op("get", "/api/v1/artifacts", "Artifacts", "Artifacts, newest first", "artifacts:read", {
    query: listArtifactsQuery,
    reply: "The artifacts",
  }),
  op(
    "get",
    "/api/v1/artifacts/{id}",
    "Artifacts",
    "One artifact with its custody chain and verification",
    "artifacts:read",
    {
      reply: "The artifact",
    },
  ),
  op(
    "delete",
    "/api/v1/artifacts/{id}",
    "Artifacts",
    "Delete an artifact's bytes, with a reason (not under legal hold)",
    "artifacts:delete",
    {
      body: deleteArtifactSchema,
      reply: "The artifact",
      also: { 409: "Under legal hold, or already gone" },
    },
  ),
  op(
    "get",
    "/api/v1/artifacts/{id}/download",
    "Artifacts",
    "Stream the artifact; the download is recorded in its custody chain",
    "artifacts:download",
    {
      reply: "The bytes",
      replyType: "application/octet-stream",
    },
  ),
  op(
    "get",
    "/api/v1/artifacts/retention",
    "Settings",
    "Retention days per artifact kind",
    "settings:manage",
    {
      reply: "The policies",
    },
  ),
  op(
    "put",
    "/api/v1/artifacts/retention",
    "Settings",
    "Set retention days per artifact kind",
    "settings:manage",
    {
      body: retentionUpdateSchema,
      reply: "The policies",
    },
  ),
  op(
    "post",
    "/api/v1/artifacts/uploads",
    "Artifacts",
    "tus creation of an artifact upload",
    "artifacts:upload",
    {
      rawBody: TUS_BODY,
      status: 201,
      reply: "Empty; Location names the upload",
      also: TUS_412,
    },
  ),
  op(
    "head",
    "/api/v1/artifacts/uploads/{uploadId}",
    "Artifacts",
    "tus: the upload's offset",
    "artifacts:upload",
    {
      reply: "Empty; Upload-Offset and Upload-Length headers",
    },
  ),
  op(
    "patch",
    "/api/v1/artifacts/uploads/{uploadId}",
    "Artifacts",
    "tus: append bytes (SHA-256 verified on the last byte)",
    "artifacts:upload",
    {
      rawBody: TUS_BODY,
      status: 204,
      reply: "Empty; Upload-Offset header",
      also: { ...TUS_412, 460: "The SHA-256 of the whole file does not match the claimed one" },
    },
  ),
  op(
    "delete",
    "/api/v1/artifacts/uploads/{uploadId}",
    "Artifacts",
    "tus: terminate an upload",
    "artifacts:upload",
    {
      status: 204,
      reply: "Empty",
      also: TUS_412,
    },
  ),
  op("get", "/api/v1/webhooks", "Settings", "Webhook endpoints", "settings:manage", {
    reply: "The webhooks",
  }),
  op("post", "/api/v1/webhooks", "Settings", "Add a webhook endpoint", "settings:manage", {
    body: webhookInput,
    status: 201,
    reply: "The webhook",
  }),
  op(
    "delete",
    "/api/v1/webhooks/{id}",
    "Settings",
    "Remove a webhook endpoint",
    "settings:manage",
    { reply: "Removed" },
  ),
  op(
    "get",
    "/api/v1/webhooks/deliveries",
    "Settings",
    "Recent webhook deliveries",
    "settings:manage",
    {
      reply: "The deliveries",
    },
  ),
];
