// GET/POST /api/v1/incidents/{key or id}/follow-ups — an incident's follow-up items

import { createFollowUp } from "@/lib/follow-ups/create-follow-up";
import { listFollowUps } from "@/lib/follow-ups/list-follow-ups";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser<{ ref: string }>(
  async (_req, { params }) => json(await listFollowUps({ incident: params.ref, status: "all" })),
  { permission: "incidents:read" },
);

export const POST = withUser<{ ref: string }>(
  async (req, { actor, params }) =>
    json(await createFollowUp(params.ref, await readJson(req, 16 * 1024), actor), { status: 201 }),
  { permission: "incidents:write" },
);
