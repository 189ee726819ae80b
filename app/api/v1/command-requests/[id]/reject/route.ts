// POST /api/v1/command-requests/{id}/reject — a manager or admin refuses a whole pending request, with a reason
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors/app-error";
import { rejectInput } from "@/lib/commands/schemas";
import { rejectCommandRequest } from "@/lib/commands/reject-command-request";

export const POST = withUser<{ id: string }>(
  async (req, { user, params }) => {
    const body = rejectInput.safeParse(await readJson(req));
    if (!body.success) throw new AppError("invalid_input", "Invalid rejection.", { errors: body.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
    return json(await rejectCommandRequest(params.id, { type: "user", id: user.id, label: user.email, role: user.role }, body.data.reason));
  },
  { permission: "commands:approve" },
);
