// GET /api/v1/incidents/{ref}/playbook — roles, playbook runs and steps of an incident; POST starts a playbook by hand
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { getIncidentPlaybook, findIncidentIdOrThrow } from "@/lib/playbooks/get-incident-playbook";
import { startPlaybookRun } from "@/lib/playbooks/start-playbook-run";
import { startRunInput } from "@/lib/playbooks/schemas";

export const GET = withUser<{ ref: string }>(async (_req, { params, user }) => json({ ...(await getIncidentPlaybook(params.ref)), me: { id: user.id, role: user.role } }), { permission: "incidents:read" });

export const POST = withUser<{ ref: string }>(
  async (req, { params, user }) => {
    const body = startRunInput.parse(await readJson(req, 4 * 1024));
    const inc = await findIncidentIdOrThrow(params.ref);
    return json(await startPlaybookRun({ incidentId: inc.id, ...body, actor: { type: "user", id: user.id, label: user.name } }), { status: 201 });
  },
  { permission: "incidents:write" },
);
