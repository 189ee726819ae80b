import { MetricsDashboard } from "@/components/metrics/metrics-dashboard";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { listMetricsFilterOptions } from "@/lib/metrics/list-filter-options";

export const metadata = { title: "Metrics" };

export default async function Page() {
  await requirePageUser("metrics:read", "/metrics");
  const options = await listMetricsFilterOptions();
  return (
    <>
      <PageHeader
        title="Metrics"
        description="How fast incidents are detected, acknowledged, contained and recovered — from agents' receipts and machine timestamps. Drills are kept out unless you ask for them."
      />
      <MetricsDashboard playbooks={options.playbooks} plugins={options.plugins} />
    </>
  );
}
