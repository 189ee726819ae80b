import { requirePageUser } from "@/lib/auth/current-user";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata = { title: "Commands" };

export default async function Page() {
  await requirePageUser("commands:read", "/commands");
  return <ComingSoon title="Commands" what="Signed revoke/rollback commands to host agents, tracked to a verified result." issue="Signed commands (issue 5)" />;
}
