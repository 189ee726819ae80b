// POST /api/v1/command-requests/{id}/reject — a manager or admin refuses a whole pending request, with a reason

import { rejectCommandRequestFromBody } from "@/lib/commands/reject-command-request";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const POST = withUser<{ id: string }>(
  async (req, { user, params, actor }) =>
    json(
      await rejectCommandRequestFromBody(
        params.id,
        { ...actor, role: user.role },
        await readJson(req),
      ),
    ),
  { permission: "commands:approve" },
);
