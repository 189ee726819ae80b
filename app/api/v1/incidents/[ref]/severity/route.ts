// POST /api/v1/incidents/{key or id}/severity — set the severity (up or down) with an optional reason
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { changeIncidentSeverity } from "@/lib/incidents/change-incident-severity";

export const POST = withUser<{ ref: string }>(
  async (req, { actor, params }) => json(await changeIncidentSeverity(params.ref, await readJson(req, 16 * 1024), actor)),
  { permission: "incidents:write" },
);
