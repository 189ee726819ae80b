// POST /api/v1/playbook-steps/{id} — act on a step: save, complete, request_approval, approve, reject, decide, issue_command

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { actOnStepFromBody } from "@/lib/playbooks/act-on-step";

export const POST = withUser<{ id: string }>(
  async (req, { params, user, actor }) => {
    const { created, result } = await actOnStepFromBody(params.id, await readJson(req, 64 * 1024), {
      ...actor,
      role: user.role,
    });
    return json(result, created ? { status: 201 } : undefined);
  },
  { permission: "incidents:write" },
);
