import { notFound } from "next/navigation";
import { AfterActionReportView } from "@/components/reports/after-action-report-view";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { incidentExists } from "@/lib/incidents/get-incident";
import { getAfterActionReport } from "@/lib/reports/get-after-action-report";

export async function generateMetadata({ params }: { params: Promise<{ ref: string }> }) {
  return { title: `After-action report ${decodeURIComponent((await params).ref)}` };
}

export default async function Page({ params }: { params: Promise<{ ref: string }> }) {
  const ref = decodeURIComponent((await params).ref);
  const user = await requirePageUser(
    "incidents:read",
    `/incidents/${encodeURIComponent(ref)}/report`,
  );
  if (!(await incidentExists(ref))) notFound();
  const report = await getAfterActionReport(ref);
  return (
    <AfterActionReportView
      report={JSON.parse(JSON.stringify(report))}
      canWrite={can(user.role, "incidents:write")}
      canPropose={can(user.role, "playbooks:publish")}
    />
  );
}
