// PUT /api/agent/v1/inventory — replace the calling host's plugin list

import { replaceInventory } from "@/lib/hosts/replace-inventory";
import { readJson } from "@/lib/http/read-json";
import { withAgent } from "@/lib/http/with-agent";

export const PUT = withAgent(async (req, { host }) =>
  Response.json(await replaceInventory(host, await readJson(req, 1 << 20)), {
    headers: { "cache-control": "no-store" },
  }),
);
