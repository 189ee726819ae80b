// HEAD|PATCH|DELETE /api/v1/artifacts/uploads/{uploadId} — tus offset, streamed append (verified on the last byte), termination

import { tusDelete, tusHead, tusOptions, tusPatch } from "@/lib/artifacts/tus/tus-handlers";
import { withUser } from "@/lib/http/with-user";

export const dynamic = "force-dynamic";
type P = { uploadId: string };
const opts = { permission: "artifacts:upload" as const };

export const HEAD = withUser<P>((_req, { actor, params }) => tusHead(params.uploadId, actor), opts);
export const PATCH = withUser<P>(
  (req, { actor, params }) => tusPatch(req, params.uploadId, actor),
  opts,
);
export const DELETE = withUser<P>(
  (req, { actor, params }) => tusDelete(req, params.uploadId, actor),
  opts,
);

export function OPTIONS() {
  return tusOptions();
}
