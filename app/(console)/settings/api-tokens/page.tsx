import { ApiTokensView } from "@/components/settings/api-tokens-view";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { can, permissionsOf } from "@/lib/auth/permissions";

export const metadata = { title: "API tokens" };

export default async function Page() {
  const user = await requirePageUser("console:read", "/settings/api-tokens");
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens for scripts and integrations on the user API. Each does at most what you choose below and what your role allows today: if your role changes, your tokens follow it; if your account is disabled, they stop."
      />
      <ApiTokensView
        grantable={permissionsOf(user.role)}
        showOwner={can(user.role, "users:manage")}
      />
    </>
  );
}
