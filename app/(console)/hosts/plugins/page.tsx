import Link from "next/link";
import { Suspense } from "react";
import { PluginFleetView } from "@/components/hosts/plugin-fleet-view";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Plugin blast radius" };

export default async function Page() {
  await requirePageUser("hosts:read", "/hosts/plugins");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-muted">
        <Link href="/hosts" className="hover:text-fg">
          Hosts
        </Link>{" "}
        / plugins
      </nav>
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
