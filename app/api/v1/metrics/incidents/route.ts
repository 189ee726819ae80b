// GET /api/v1/metrics/incidents — the incident-level rows behind the metrics (JSON, or CSV with format=csv)
import { json, withUser } from "@/lib/http/with-user";
import { exportIncidentMetrics } from "@/lib/metrics/export-incident-metrics";

export const GET = withUser(
  async (req) => {
    const { format, ...query } = Object.fromEntries(req.nextUrl.searchParams);
    const out = await exportIncidentMetrics(query, format === "csv" ? "csv" : "json");
    if (out.kind === "json") return json({ incidents: out.rows });
    return new Response(out.csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${out.filename}"`,
        "cache-control": "no-store",
      },
    });
  },
  { permission: "metrics:read" },
);
