import { RetentionSettings } from "@/components/artifacts/retention-settings";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Artifact retention" };

export default async function Page() {
  await requirePageUser("settings:manage", "/settings/artifacts");
  return (
    <>
      <PageHeader
        title="Artifact retention"
        description="How long each kind of evidence is kept before the purge job deletes its bytes. Incidents on legal hold are never purged."
      />
      <RetentionSettings />
    </>
  );
}
