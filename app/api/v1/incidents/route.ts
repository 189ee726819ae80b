// GET /api/v1/incidents — filtered, paged incident list (newest first)
import { json, withUser } from "@/lib/http/with-user";
import { listIncidents } from "@/lib/incidents/list-incidents";

export const GET = withUser(
  async (req) => json(await listIncidents(Object.fromEntries(req.nextUrl.searchParams))),
  { permission: "incidents:read" },
);
