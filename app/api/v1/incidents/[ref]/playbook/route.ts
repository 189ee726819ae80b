// GET /api/v1/incidents/{ref}/playbook — roles, playbook runs and steps of an incident; POST starts a playbook by hand

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { getIncidentPlaybook } from "@/lib/playbooks/get-incident-playbook";
import { startPlaybookRunFromBody } from "@/lib/playbooks/start-playbook-run";

export const GET = withUser<{ ref: string }>(
  async (_req, { params, user }) =>
    json({ ...(await getIncidentPlaybook(params.ref)), me: { id: user.id, role: user.role } }),
  { permission: "incidents:read" },
);

export const POST = withUser<{ ref: string }>(
  async (req, { params, actor }) =>
    json(await startPlaybookRunFromBody(params.ref, await readJson(req, 4 * 1024), actor), {
      status: 201,
    }),
  { permission: "incidents:write" },
);
