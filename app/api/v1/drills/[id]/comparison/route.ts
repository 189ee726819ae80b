// GET /api/v1/drills/{id}/comparison — this run beside the other scored runs of its scenario
import { compareDrillRuns } from "@/lib/drills/compare-drill-runs";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser<{ id: string }>(
  async (_req, { params }) => json(await compareDrillRuns(params.id)),
  { permission: "drills:read" },
);
