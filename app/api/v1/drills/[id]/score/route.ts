// GET /api/v1/drills/{id}/score — the run's score: kept once ended, computed live while it runs
import { getDrillScore } from "@/lib/drills/get-drill-score";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser<{ id: string }>(
  async (_req, { params }) => json(await getDrillScore(params.id)),
  {
    permission: "drills:read",
  },
);
