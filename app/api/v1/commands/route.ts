// GET|POST /api/v1/commands — list commands with filters; issue a command request to one or many hosts
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors/app-error";
import { listCommandsQuery } from "@/lib/commands/schemas";
import { listCommands } from "@/lib/commands/list-commands";
import { issueCommand } from "@/lib/commands/issue-command";
import { userActor } from "@/lib/audit/actor";

export const GET = withUser(
  async (req) => {
    const q = listCommandsQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) throw new AppError("invalid_input", "Invalid filters.", { errors: q.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
    return json(await listCommands(q.data));
  },
  { permission: "commands:read" },
);

export const POST = withUser(
  async (req, { user }) => json(await issueCommand(await readJson(req), { ...userActor(user), role: user.role }), { status: 201 }),
  { permission: "commands:issue" },
);
