import { IncidentsView } from "@/components/incidents/incidents-view";
import { PageHeader } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Incidents" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function Page({ searchParams }: { searchParams: Search }) {
  await requirePageUser("incidents:read", "/incidents");
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  // Filters can be linked (e.g. from a host page: /incidents?host=…); unset ones fall back to defaults.
  const initial = Object.fromEntries(
    Object.entries({
      status: one("status"),
      severity: one("severity"),
      plugin: one("plugin"),
      host: one("host"),
      q: one("q"),
    }).filter(([, v]) => v !== undefined),
  );
  return (
    <>
      <PageHeader
        title="Incidents"
        description="Correlated from host containment events. Updates live."
      />
      <IncidentsView initial={initial} />
    </>
  );
}
