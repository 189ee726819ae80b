import { PlaybooksView } from "@/components/playbooks/playbooks-view";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

export const metadata = { title: "Playbooks" };

export default async function Page() {
  const user = await requirePageUser("playbooks:read", "/playbooks");
  return (
    <>
      <PageHeader
        title="Playbooks"
        description="Versioned, immutable playbooks: roles, SLAs, escalation. Files in playbooks/<slug>/v<N>.yaml or published here."
      />
      <PlaybooksView canPublish={can(user.role, "playbooks:publish")} />
    </>
  );
}
