// POST /api/v1/command-requests/{id}/extend — push a time-boxed containment's end further out
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { extendContainmentFromBody } from "@/lib/commands/extend-containment";
import { userActor } from "@/lib/audit/actor";

export const POST = withUser<{ id: string }>(
  async (req, { user, params }) => json(await extendContainmentFromBody(params.id, await readJson(req), userActor(user))),
  { permission: "commands:issue" },
);
