// HEAD|PATCH|DELETE /api/agent/v1/artifacts/{uploadId} — tus offset, streamed append (verified on the last byte), termination
import { withAgent } from "@/lib/http/with-agent";
import { tusDelete, tusHead, tusOptions, tusPatch } from "@/lib/artifacts/tus/tus-handlers";

export const dynamic = "force-dynamic";
type P = { uploadId: string };
const owner = (host: { id: string; hostname: string }) => ({ type: "host" as const, id: host.id, label: host.hostname });

export const HEAD = withAgent<P>((_req, { host, params }) => tusHead(params.uploadId, owner(host)));
export const PATCH = withAgent<P>((req, { host, params }) => tusPatch(req, params.uploadId, owner(host)));
export const DELETE = withAgent<P>((req, { host, params }) => tusDelete(req, params.uploadId, owner(host)));

export function OPTIONS() {
  return tusOptions();
}
