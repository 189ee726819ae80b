// HEAD|PATCH|DELETE /api/v1/artifacts/uploads/{uploadId} — tus offset, streamed append (verified on the last byte), termination
import { withUser } from "@/lib/http/with-user";
import { tusDelete, tusHead, tusOptions, tusPatch } from "@/lib/artifacts/tus/tus-handlers";

export const dynamic = "force-dynamic";
type P = { uploadId: string };
const owner = (user: { id: string; email: string }) => ({ type: "user" as const, id: user.id, label: user.email });
const opts = { permission: "artifacts:upload" as const };

export const HEAD = withUser<P>((_req, { user, params }) => tusHead(params.uploadId, owner(user)), opts);
export const PATCH = withUser<P>((req, { user, params }) => tusPatch(req, params.uploadId, owner(user)), opts);
export const DELETE = withUser<P>((req, { user, params }) => tusDelete(req, params.uploadId, owner(user)), opts);

export function OPTIONS() {
  return tusOptions();
}
