// PATCH /api/v1/follow-ups/{id} — edit, complete, cancel or reopen a follow-up

import { updateFollowUp } from "@/lib/follow-ups/update-follow-up";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const PATCH = withUser<{ id: string }>(
  async (req, { actor, params }) =>
    json(await updateFollowUp(params.id, await readJson(req, 16 * 1024), actor)),
  { permission: "incidents:write" },
);
