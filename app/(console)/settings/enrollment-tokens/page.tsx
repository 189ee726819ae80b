import { EnrollmentTokensView } from "@/components/hosts/enrollment-tokens-view";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Enrollment tokens" };

export default async function Page() {
  await requirePageUser("hosts:manage", "/settings/enrollment-tokens");
  return (
    <>
      <PageHeader
        title="Enrollment tokens"
        description="Tokens that let new host agents enrol, each for as many hosts as its uses allow. Revoking a token stops new enrolments; hosts already enrolled keep working."
      />
      <EnrollmentTokensView />
    </>
  );
}
