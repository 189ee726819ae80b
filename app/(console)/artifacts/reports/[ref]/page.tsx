import { notFound } from "next/navigation";
import { CustodyReportView } from "@/components/artifacts/custody-report-view";
import { getCustodyReport } from "@/lib/artifacts/custody-report";
import { requirePageUser } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors/app-error";

export const metadata = { title: "Custody report" };

export default async function Page({ params }: { params: Promise<{ ref: string }> }) {
  const ref = decodeURIComponent((await params).ref);
  await requirePageUser("artifacts:read", `/artifacts/reports/${encodeURIComponent(ref)}`);
  const report = await getCustodyReport(ref).catch((e) => {
    if (isAppError(e) && e.code === "not_found") return null;
    throw e;
  });
  if (!report) notFound();
  return <CustodyReportView report={JSON.parse(JSON.stringify(report))} />;
}
