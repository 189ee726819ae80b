// POST /api/v1/command-requests/{id}/extend — push a time-boxed containment's end further out
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors/app-error";
import { extendInput } from "@/lib/commands/schemas";
import { extendContainment } from "@/lib/commands/extend-containment";
import { userActor } from "@/lib/audit/actor";

export const POST = withUser<{ id: string }>(
  async (req, { user, params }) => {
    const body = extendInput.safeParse(await readJson(req));
    if (!body.success) throw new AppError("invalid_input", "seconds must be an integer from 60 to 2592000.", { errors: body.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
    return json(await extendContainment(params.id, body.data.seconds, userActor(user)));
  },
  { permission: "commands:issue" },
);
