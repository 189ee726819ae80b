import { requirePageUser } from "@/lib/auth/current-user";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata = { title: "Metrics" };

export default async function Page() {
  await requirePageUser("metrics:read", "/metrics");
  return <ComingSoon title="Metrics" what="MTTD, MTTA, time-to-contain and MTTR as p50/p90 with trends, drills kept separate." issue="Incident metrics" />;
}
