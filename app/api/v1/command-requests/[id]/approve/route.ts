// POST /api/v1/command-requests/{id}/approve — a manager or admin (never the requester) approves a destructive or fleet-wide request
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors/app-error";
import { approveInput } from "@/lib/commands/schemas";
import { approveCommandRequest } from "@/lib/commands/approve-command-request";
import { userActor } from "@/lib/audit/actor";

export const POST = withUser<{ id: string }>(
  async (req, { user, params }) => {
    const body = approveInput.safeParse(await readJson(req));
    if (!body.success) throw new AppError("invalid_input", "Invalid approval.", { errors: body.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
    return json(await approveCommandRequest(params.id, { ...userActor(user), role: user.role }, body.data.comment));
  },
  { permission: "commands:approve" },
);
