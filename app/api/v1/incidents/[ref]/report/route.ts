// GET /api/v1/incidents/{key or id}/report — the after-action report (JSON, or Markdown with format=md)
import { json, withUser } from "@/lib/http/with-user";
import { getAfterActionReport } from "@/lib/reports/get-after-action-report";
import { renderReportMarkdown } from "@/lib/reports/render-report-markdown";

export const GET = withUser<{ ref: string }>(
  async (req, { params }) => {
    const report = await getAfterActionReport(params.ref);
    if (req.nextUrl.searchParams.get("format") !== "md") return json(report);
    return new Response(renderReportMarkdown(report), {
      headers: {
        "content-type": "text/markdown; charset=utf-8",
        "content-disposition": `attachment; filename="${report.incident.key}-after-action.md"`,
        "cache-control": "no-store",
      },
    });
  },
  { permission: "incidents:read" },
);
