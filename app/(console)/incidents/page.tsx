import { requirePageUser } from "@/lib/auth/current-user";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata = { title: "Incidents" };

export default async function Page() {
  await requirePageUser("incidents:read", "/incidents");
  return <ComingSoon title="Incidents" what="Incidents correlated from host containment events, with timelines and status transitions." issue="Ingest and incidents (issue 3)" />;
}
