import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { IncidentDetailView } from "@/components/incidents/incident-detail";

export async function generateMetadata({ params }: { params: Promise<{ ref: string }> }) {
  return { title: decodeURIComponent((await params).ref) };
}

export default async function Page({ params }: { params: Promise<{ ref: string }> }) {
  const { ref } = await params;
  const user = await requirePageUser("incidents:read", `/incidents/${ref}`);
  return <IncidentDetailView incidentRef={decodeURIComponent(ref)} canWrite={can(user.role, "incidents:write")} />;
}
