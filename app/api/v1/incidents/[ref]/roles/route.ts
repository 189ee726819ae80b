// PUT /api/v1/incidents/{ref}/roles — put a person in an incident role, or empty it (userId null)
import { withUser, json, readJson } from "@/lib/http/with-user";
import { findIncidentIdOrThrow } from "@/lib/playbooks/get-incident-playbook";
import { assignIncidentRole } from "@/lib/playbooks/incident-roles";
import { assignRoleInput } from "@/lib/playbooks/schemas";

export const PUT = withUser<{ ref: string }>(
  async (req, { params, actor }) => {
    const body = assignRoleInput.parse(await readJson(req, 4 * 1024));
    const inc = await findIncidentIdOrThrow(params.ref);
    return json(await assignIncidentRole({ incidentId: inc.id, ...body, actor }));
  },
  { permission: "incidents:write" },
);
