// GET /api/v1/drills/{id}/report — the drill run's after-action report (JSON, or Markdown with format=md)
import { json, withUser } from "@/lib/http/with-user";
import { getDrillReport } from "@/lib/reports/get-drill-report";
import { renderDrillReportMarkdown } from "@/lib/reports/render-drill-report-markdown";

export const GET = withUser<{ id: string }>(
  async (req, { params }) => {
    const md = req.nextUrl.searchParams.get("format") === "md";
    const report = await getDrillReport(params.id, { full: md });
    if (!md) return json(report);
    return new Response(renderDrillReportMarkdown(report), {
      headers: {
        "content-type": "text/markdown; charset=utf-8",
        "content-disposition": `attachment; filename="${report.run.key}-drill-report.md"`,
        "cache-control": "no-store",
      },
    });
  },
  { permission: "drills:read" },
);
