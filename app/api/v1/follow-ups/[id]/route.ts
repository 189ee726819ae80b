// PATCH /api/v1/follow-ups/{id} — edit, complete, cancel or reopen a follow-up
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { updateFollowUp } from "@/lib/follow-ups/update-follow-up";

export const PATCH = withUser<{ id: string }>(
  async (req, { actor, params }) => json(await updateFollowUp(params.id, await readJson(req, 16 * 1024), actor)),
  { permission: "incidents:write" },
);
