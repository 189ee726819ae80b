// PUT /api/v1/incidents/{ref}/roles — put a person in an incident role, or empty it (userId null)

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { assignIncidentRoleFromBody } from "@/lib/playbooks/incident-roles";

export const PUT = withUser<{ ref: string }>(
  async (req, { params, actor }) =>
    json(await assignIncidentRoleFromBody(params.ref, await readJson(req, 4 * 1024), actor)),
  { permission: "incidents:write" },
);
