// GET /api/v1/follow-ups — follow-up items across incidents (status=open|done|cancelled|all)

import { listFollowUps } from "@/lib/follow-ups/list-follow-ups";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser(
  async (req) => json(await listFollowUps(Object.fromEntries(req.nextUrl.searchParams))),
  { permission: "incidents:read" },
);
