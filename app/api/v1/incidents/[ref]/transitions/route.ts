// POST /api/v1/incidents/{key or id}/transitions — move the status through the allowed-transitions table

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { transitionIncident } from "@/lib/incidents/transition-incident";

export const POST = withUser<{ ref: string }>(
  async (req, { actor, params }) =>
    json(await transitionIncident(params.ref, await readJson(req, 16 * 1024), actor)),
  { permission: "incidents:write" },
);
