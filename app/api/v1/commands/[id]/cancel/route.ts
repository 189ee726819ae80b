// POST /api/v1/commands/{id}/cancel — cancel a queued command, or record a cancel request for a delivered one

import { cancelCommandFromBody } from "@/lib/commands/cancel-command";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const POST = withUser<{ id: string }>(
  async (req, { params, actor }) =>
    json(await cancelCommandFromBody(params.id, actor, await readJson(req))),
  { permission: "commands:issue" },
);
