// POST /api/v1/incidents/{key or id}/comments — add a plain-text comment to the incident timeline

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { addIncidentComment } from "@/lib/incidents/add-incident-comment";

export const POST = withUser<{ ref: string }>(
  async (req, { actor, params }) =>
    json(await addIncidentComment(params.ref, await readJson(req, 32 * 1024), actor), {
      status: 201,
    }),
  { permission: "incidents:write" },
);
