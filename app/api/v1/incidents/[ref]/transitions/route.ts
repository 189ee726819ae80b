// POST /api/v1/incidents/{key or id}/transitions — move the status through the allowed-transitions table
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { transitionIncident } from "@/lib/incidents/transition-incident";
import { userActor } from "@/lib/audit/actor";

export const POST = withUser<{ ref: string }>(
  async (req, { user, params }) => json(await transitionIncident(params.ref, await readJson(req, 16 * 1024), userActor(user))),
  { permission: "incidents:write" },
);
