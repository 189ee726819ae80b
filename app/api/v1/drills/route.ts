// GET /api/v1/drills — drill runs, newest first (?scenario=slug) · POST — start a drill

import { listDrillRuns } from "@/lib/drills/list-drill-runs";
import { startDrill } from "@/lib/drills/start-drill";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser(
  async (req) => json(await listDrillRuns(Object.fromEntries(req.nextUrl.searchParams))),
  { permission: "drills:read" },
);

export const POST = withUser(
  async (req, { actor }) =>
    json(await startDrill(await readJson(req, 64 * 1024), actor), { status: 201 }),
  { permission: "drills:run" },
);
