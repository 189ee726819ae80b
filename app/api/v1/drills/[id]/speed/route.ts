// POST /api/v1/drills/{id}/speed — change the drill speed (×1–×10): injects, SLAs, escalations

import { setDrillSpeed } from "@/lib/drills/set-drill-speed";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const POST = withUser<{ id: string }>(
  async (req, { params, actor }) =>
    json(await setDrillSpeed(params.id, await readJson(req, 1024), actor)),
  { permission: "drills:run" },
);
