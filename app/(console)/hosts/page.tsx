import Link from "next/link";
import { HostsView } from "@/components/hosts/hosts-view";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";

export const metadata = { title: "Hosts" };

export default async function Page() {
  const user = await requirePageUser("hosts:read", "/hosts");
  const btn =
    "inline-flex items-center rounded-md border border-line bg-panel-2 px-3 py-1.5 text-sm font-medium hover:bg-line";
  return (
    <>
      <PageHeader
        title="Hosts"
        description="Enrolled hosts, live. Status comes from when each agent last called in."
        actions={
          <>
            <Link className={btn} href="/hosts/plugins">
              Plugin blast radius
            </Link>
            {can(user.role, "hosts:manage") ? (
              <Link className={btn} href="/settings/enrollment-tokens">
                Enrollment tokens
              </Link>
            ) : null}
          </>
        }
      />
      <HostsView />
    </>
  );
}
