// POST /api/v1/incidents/{key or id}/severity — set the severity (up or down) with an optional reason

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { changeIncidentSeverity } from "@/lib/incidents/change-incident-severity";

export const POST = withUser<{ ref: string }>(
  async (req, { actor, params }) =>
    json(await changeIncidentSeverity(params.ref, await readJson(req, 16 * 1024), actor)),
  { permission: "incidents:write" },
);
