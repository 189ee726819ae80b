// POST /api/v1/incidents/{key or id}/comments — add a plain-text comment to the incident timeline
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { addIncidentComment } from "@/lib/incidents/add-incident-comment";
import { userActor } from "@/lib/audit/actor";

export const POST = withUser<{ ref: string }>(
  async (req, { user, params }) => json(await addIncidentComment(params.ref, await readJson(req, 32 * 1024), userActor(user)), { status: 201 }),
  { permission: "incidents:write" },
);
