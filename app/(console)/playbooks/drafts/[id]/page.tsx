import { DraftEditor } from "@/components/playbooks/draft-editor";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Playbook draft" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser("playbooks:publish", `/playbooks/drafts/${encodeURIComponent(id)}`);
  return (
    <>
      <PageHeader
        title="Edit draft"
        description="Edit the YAML, or the same draft in the form; it is validated as you type. Publishing creates the next immutable version."
      />
      <DraftEditor id={id} />
    </>
  );
}
