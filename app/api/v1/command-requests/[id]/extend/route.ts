// POST /api/v1/command-requests/{id}/extend — push a time-boxed containment's end further out

import { extendContainmentFromBody } from "@/lib/commands/extend-containment";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const POST = withUser<{ id: string }>(
  async (req, { params, actor }) =>
    json(await extendContainmentFromBody(params.id, await readJson(req), actor)),
  { permission: "commands:issue" },
);
