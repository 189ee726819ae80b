// POST /api/v1/drills/{id}/pause — pause the drill clock (409 when already paused)

import { pauseDrill } from "@/lib/drills/pause-drill";
import { json, withUser } from "@/lib/http/with-user";

export const POST = withUser<{ id: string }>(
  async (_req, { params, actor }) => json(await pauseDrill(params.id, actor)),
  { permission: "drills:run" },
);
