// GET /api/agent/v1/server-keys — the currently published command-verification keys (after a rotation)
import { withAgent } from "@/lib/http/with-agent";
import { listPublicServerKeys } from "@/lib/signing/server-keys";

export const GET = withAgent(async () => noStore({ serverKeys: await listPublicServerKeys() }));

function noStore(data: unknown) {
  return Response.json(data, { headers: { "cache-control": "no-store" } });
}
