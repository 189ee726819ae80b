import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArtifactDetail } from "@/components/artifacts/artifact-detail";
import { recordArtifactView } from "@/lib/artifacts/download-artifact";
import { getArtifact } from "@/lib/artifacts/get-artifact";
import { clientIp } from "@/lib/auth/client-ip";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";

export const metadata = { title: "Artifact" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser("artifacts:read", `/artifacts/${encodeURIComponent(id)}`);
  const found = await getArtifact(id).catch((e) => {
    if (isAppError(e) && e.code === "not_found") return null;
    throw e;
  });
  if (!found) notFound();
  // Looking at an evidence record is itself a custody event (who, from where), once an hour per person.
  const view = await recordArtifactView(id, user, clientIp(await headers()));
  return (
    <div className="space-y-4">
      <p className="font-mono text-sm text-muted">
        <Link href="/artifacts" className="hover:underline">
          Artifacts
        </Link>{" "}
        / {found.artifact.filename}
      </p>
      <h1 className="text-2xl font-semibold tracking-tight break-all">{found.artifact.filename}</h1>
      <ArtifactDetail
        id={id}
        canDownload={can(user.role, "artifacts:download")}
        canDelete={can(user.role, "artifacts:delete")}
        viewRecordedAt={view.lastRecordedAt}
      />
    </div>
  );
}
