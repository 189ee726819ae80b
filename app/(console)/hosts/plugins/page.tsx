import { Suspense } from "react";
import { PluginFleetView } from "@/components/hosts/plugin-fleet-view";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Plugin blast radius" };

export default async function Page() {
  await requirePageUser("hosts:read", "/hosts/plugins");
  return (
    <>
      <Breadcrumb parent={{ href: "/hosts", label: "Hosts" }} here="plugins" />
      <PageHeader
        title="Plugin blast radius"
        description="Every host running a plugin, in which version and state: read this before a fleet-wide revoke."
      />
      <Suspense fallback={<p className="text-muted">Loading…</p>}>
        <PluginFleetView />
      </Suspense>
    </>
  );
}
