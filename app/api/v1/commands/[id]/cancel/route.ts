// POST /api/v1/commands/{id}/cancel — cancel a queued command, or record a cancel request for a delivered one
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors/app-error";
import { cancelInput } from "@/lib/commands/schemas";
import { cancelCommand } from "@/lib/commands/cancel-command";
import { userActor } from "@/lib/audit/actor";

export const POST = withUser<{ id: string }>(
  async (req, { user, params }) => {
    const body = cancelInput.safeParse(await readJson(req));
    if (!body.success) throw new AppError("invalid_input", "A cancel needs a reason.", { errors: body.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
    return json(await cancelCommand(params.id, userActor(user), body.data.reason));
  },
  { permission: "commands:issue" },
);
