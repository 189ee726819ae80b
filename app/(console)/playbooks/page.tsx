import { requirePageUser } from "@/lib/auth/current-user";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata = { title: "Playbooks" };

export default async function Page() {
  await requirePageUser("playbooks:read", "/playbooks");
  return <ComingSoon title="Playbooks" what="Versioned playbooks with roles, SLAs and escalation, plus CACAO 2.0 import/export." issue="Versioned playbooks (issue 4)" />;
}
