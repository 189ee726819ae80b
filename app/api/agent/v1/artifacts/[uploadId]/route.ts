// HEAD|PATCH|DELETE /api/agent/v1/artifacts/{uploadId} — tus offset, streamed append (verified on the last byte), termination

import { tusDelete, tusHead, tusOptions, tusPatch } from "@/lib/artifacts/tus/tus-handlers";
import { withAgent } from "@/lib/http/with-agent";

export const dynamic = "force-dynamic";
type P = { uploadId: string };

export const HEAD = withAgent<P>((_req, { actor, params }) => tusHead(params.uploadId, actor));
export const PATCH = withAgent<P>((req, { actor, params }) =>
  tusPatch(req, params.uploadId, actor),
);
export const DELETE = withAgent<P>((req, { actor, params }) =>
  tusDelete(req, params.uploadId, actor),
);

export function OPTIONS() {
  return tusOptions();
}
