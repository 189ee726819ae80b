import { ArtifactsView } from "@/components/artifacts/artifacts-view";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

export const metadata = { title: "Artifacts" };

export default async function Page() {
  const user = await requirePageUser("artifacts:read", "/artifacts");
  return (
    <>
      <PageHeader
        title="Artifacts"
        description="Forensic evidence with server-verified SHA-256, chain of custody, retention and legal hold."
      />
      <ArtifactsView canUpload={can(user.role, "artifacts:upload")} />
    </>
  );
}
