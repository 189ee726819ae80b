// GET|POST /api/v1/commands — list commands with filters; issue a command request to one or many hosts

import { issueCommand } from "@/lib/commands/issue-command";
import { listCommands } from "@/lib/commands/list-commands";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser(
  async (req) => json(await listCommands(Object.fromEntries(new URL(req.url).searchParams))),
  { permission: "commands:read" },
);

export const POST = withUser(
  async (req, { user, actor }) =>
    json(await issueCommand(await readJson(req), { ...actor, role: user.role }), { status: 201 }),
  { permission: "commands:issue" },
);
