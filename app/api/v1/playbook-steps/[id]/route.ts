// POST /api/v1/playbook-steps/{id} — act on a step: save, complete, request_approval, approve, reject, decide, issue_command
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors/app-error";
import { actOnStep, stepActionSchema } from "@/lib/playbooks/act-on-step";
import { issueStepCommand } from "@/lib/playbooks/issue-step-command";

export const POST = withUser<{ id: string }>(
  async (req, { params, user }) => {
    if (!/^[0-9a-f-]{36}$/i.test(params.id)) throw new AppError("not_found", "No such step.");
    const body = (await readJson(req, 64 * 1024)) as { action?: unknown };
    if (body && typeof body === "object" && body.action === "issue_command" && Object.keys(body).length === 1) {
      return json(await issueStepCommand({ stepRunId: params.id, actor: { type: "user", id: user.id, label: user.name, role: user.role } }), { status: 201 });
    }
    const action = stepActionSchema.parse(body);
    return json(await actOnStep({ stepRunId: params.id, action, actor: { type: "user", id: user.id, label: user.name } }));
  },
  { permission: "incidents:write" },
);
