// POST /api/v1/command-requests/{id}/approve — a manager or admin (never the requester) approves a destructive or fleet-wide request

import { approveCommandRequestFromBody } from "@/lib/commands/approve-command-request";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const POST = withUser<{ id: string }>(
  async (req, { user, params, actor }) =>
    json(
      await approveCommandRequestFromBody(
        params.id,
        { ...actor, role: user.role },
        await readJson(req),
      ),
    ),
  { permission: "commands:approve" },
);
