import { PlaybookDetail } from "@/components/playbooks/playbook-detail";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requirePageUser("playbooks:read", `/playbooks/${encodeURIComponent(slug)}`);
  return (
    <>
      <PageHeader
        title={`Playbook ${slug}`}
        description="Version history; each version is immutable and pinned by the runs that use it."
      />
      <PlaybookDetail slug={slug} canPublish={can(user.role, "playbooks:publish")} />
    </>
  );
}
