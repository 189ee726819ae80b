// POST /api/v1/drills/{id}/resume — resume a paused drill (409 when not paused)

import { resumeDrill } from "@/lib/drills/resume-drill";
import { json, withUser } from "@/lib/http/with-user";

export const POST = withUser<{ id: string }>(
  async (_req, { params, actor }) => json(await resumeDrill(params.id, actor)),
  { permission: "drills:run" },
);
