import { requirePageUser } from "@/lib/auth/current-user";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata = { title: "Hosts" };

export default async function Page() {
  await requirePageUser("hosts:read", "/hosts");
  return <ComingSoon title="Hosts" what="Enrolled hosts, their plugin inventory and the fleet-wide blast radius of a plugin." issue="Hosts and enrollment (issue 3)" />;
}
