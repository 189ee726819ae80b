// PUT /api/v1/incidents/{ref}/roles — put a person in an incident role, or empty it (userId null)
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { findIncidentIdOrThrow } from "@/lib/playbooks/get-incident-playbook";
import { assignIncidentRole } from "@/lib/playbooks/incident-roles";
import { assignRoleInput } from "@/lib/playbooks/schemas";

export const PUT = withUser<{ ref: string }>(
  async (req, { params, user }) => {
    const body = assignRoleInput.parse(await readJson(req, 4 * 1024));
    const inc = await findIncidentIdOrThrow(params.ref);
    return json(await assignIncidentRole({ incidentId: inc.id, ...body, actor: { type: "user", id: user.id, label: user.name } }));
  },
  { permission: "incidents:write" },
);
