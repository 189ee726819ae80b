import { DrillsView } from "@/components/drills/drills-view";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { listActivePeople } from "@/lib/users/list-active-people";

export const metadata = { title: "Drills" };

export default async function Page() {
  const user = await requirePageUser("drills:read", "/drills");
  const canRun = can(user.role, "drills:run");
  return <DrillsView canRun={canRun} people={canRun ? await listActivePeople() : []} />;
}
