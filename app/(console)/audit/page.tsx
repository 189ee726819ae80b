import { AuditView } from "@/components/audit/audit-view";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Audit" };

export default async function AuditPage() {
  await requirePageUser("audit:read", "/audit");
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every security-relevant action, hash-chained: editing any entry breaks the chain at that entry."
      />
      <AuditView />
    </>
  );
}
