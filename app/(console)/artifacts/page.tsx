import { requirePageUser } from "@/lib/auth/current-user";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata = { title: "Artifacts" };

export default async function Page() {
  await requirePageUser("artifacts:read", "/artifacts");
  return <ComingSoon title="Artifacts" what="Forensic artifact vault with resumable uploads, chain of custody, retention and legal hold." issue="Artifact vault (issue 6)" />;
}
