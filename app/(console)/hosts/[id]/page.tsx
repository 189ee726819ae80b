import Link from "next/link";
import { notFound } from "next/navigation";
import { HostCommands } from "@/components/commands/host-commands";
import { HostDetail } from "@/components/hosts/host-detail";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { hostExists } from "@/lib/hosts/get-host";

export const metadata = { title: "Host" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser("hosts:read", `/hosts/${encodeURIComponent(id)}`);
  if (!(await hostExists(id))) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-muted">
        <Link href="/hosts" className="hover:text-fg">
          Hosts
        </Link>{" "}
        / host
      </nav>
      <HostDetail id={id} canManage={can(user.role, "hosts:manage")} />
      <HostCommands
        hostId={id}
        canIssue={can(user.role, "commands:issue")}
        isAdmin={user.role === "admin"}
      />
    </>
  );
}
