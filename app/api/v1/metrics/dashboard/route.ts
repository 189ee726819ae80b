// GET /api/v1/metrics/dashboard — cards, trends and charts of the metrics page for one filter
import { json, withUser } from "@/lib/http/with-user";
import { getMetricsDashboard } from "@/lib/metrics/get-metrics-dashboard";

export const GET = withUser(
  async (req) => json(await getMetricsDashboard(Object.fromEntries(req.nextUrl.searchParams))),
  { permission: "metrics:read" },
);
