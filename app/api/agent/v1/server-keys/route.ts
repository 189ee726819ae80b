// GET /api/agent/v1/server-keys — the published command-verification keys, each endorsed by its predecessor, and the retired links of the endorsement chain
import { withAgent } from "@/lib/http/with-agent";
import { listPublicServerKeys, listRetiredServerKeys } from "@/lib/signing/server-keys";

export const GET = withAgent(async () =>
  noStore({ serverKeys: await listPublicServerKeys(), retiredKeys: await listRetiredServerKeys() }),
);

function noStore(data: unknown) {
  return Response.json(data, { headers: { "cache-control": "no-store" } });
}
