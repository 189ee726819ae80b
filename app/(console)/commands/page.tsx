import { CommandsView } from "@/components/commands/commands-view";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

export const metadata = { title: "Commands" };

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requirePageUser("commands:read", "/commands");
  const sp = await searchParams;
  const uuid = /^[0-9a-f-]{36}$/i;
  const fixed = sp.requestId && uuid.test(sp.requestId) ? { requestId: sp.requestId } : undefined;
  return (
    <>
      <PageHeader
        title="Commands"
        description="Signed commands to host agents, tracked to a verified receipt. Updates live."
      />
      <CommandsView canIssue={can(user.role, "commands:issue")} fixed={fixed} />
    </>
  );
}
