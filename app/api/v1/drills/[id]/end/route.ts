// POST /api/v1/drills/{id}/end — end the drill: fleet stopped, timers cancelled (409 when ended)

import { endDrill } from "@/lib/drills/end-drill";
import { json, withUser } from "@/lib/http/with-user";

export const POST = withUser<{ id: string }>(
  async (_req, { params, actor }) => json(await endDrill(params.id, actor)),
  { permission: "drills:run" },
);
