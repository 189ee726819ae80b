// PUT /api/v1/drills/{id}/notes — the facilitator's notes on the run

import { updateDrillNotes } from "@/lib/drills/update-drill-notes";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const PUT = withUser<{ id: string }>(
  async (req, { params, actor }) =>
    json(await updateDrillNotes(params.id, await readJson(req, 64 * 1024), actor)),
  { permission: "drills:run" },
);
