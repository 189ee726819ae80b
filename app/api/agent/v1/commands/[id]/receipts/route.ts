// POST /api/agent/v1/commands/{id}/receipts — the agent reports received/succeeded/failed/rejected

import { recordReceipt } from "@/lib/commands/record-receipt";
import { readJson } from "@/lib/http/read-json";
import { withAgent } from "@/lib/http/with-agent";

export const POST = withAgent<{ id: string }>(async (req, { host, params }) =>
  noStore(await recordReceipt(host, params.id, await readJson(req, 64 * 1024))),
);

function noStore(data: unknown) {
  return Response.json(data, { headers: { "cache-control": "no-store" } });
}
