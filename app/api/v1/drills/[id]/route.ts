// GET /api/v1/drills/{id} — one drill run: clock, injects, incidents, hosts, timeline, score

import { getDrillRunForUser } from "@/lib/drills/get-drill-run";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser<{ id: string }>(
  async (_req, { params, user }) => json(await getDrillRunForUser(params.id, user)),
  { permission: "drills:read" },
);
