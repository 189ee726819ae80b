import { notFound } from "next/navigation";
import { HostCommands } from "@/components/commands/host-commands";
import { HostDetail } from "@/components/hosts/host-detail";
import { Breadcrumb } from "@/components/ui/breadcrumb";
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
      <Breadcrumb parent={{ href: "/hosts", label: "Hosts" }} here="host" />
      <HostDetail id={id} canManage={can(user.role, "hosts:manage")} />
      <HostCommands
        hostId={id}
        canIssue={can(user.role, "commands:issue")}
        isAdmin={user.role === "admin"}
      />
    </>
  );
}
