import { notFound } from "next/navigation";
import { DrillReportView } from "@/components/reports/drill-report-view";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { getDrillReport } from "@/lib/reports/get-drill-report";

export const metadata = { title: "Drill report" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser("drills:read", `/drills/${encodeURIComponent(id)}/report`);
  const report = await getDrillReport(id).catch((e: unknown) => {
    // A mistyped or unknown run id is a missing page, not a server error.
    if (isAppError(e) && (e.code === "not_found" || e.code === "invalid_input")) notFound();
    throw e;
  });
  return (
    <DrillReportView
      report={JSON.parse(JSON.stringify(report))}
      canWrite={can(user.role, "incidents:write")}
      canPropose={can(user.role, "playbooks:publish")}
    />
  );
}
