import { FollowUpsView } from "@/components/reports/follow-ups-view";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { listFollowUps } from "@/lib/follow-ups/list-follow-ups";

export const metadata = { title: "Follow-ups" };

export default async function Page() {
  const user = await requirePageUser("incidents:read", "/follow-ups");
  const { items } = await listFollowUps({ status: "open" });
  return (
    <>
      <PageHeader
        title="Follow-ups"
        description="What the after-action reviews decided, who owns it and by when. Overdue items come first."
      />
      <FollowUpsView
        initial={JSON.parse(JSON.stringify(items))}
        canWrite={can(user.role, "incidents:write")}
      />
    </>
  );
}
