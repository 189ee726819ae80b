import { DrillRunPage } from "@/components/drills/drill-run-view";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Drill run" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser("drills:read", `/drills/${encodeURIComponent(id)}`);
  return <DrillRunPage id={id} />;
}
