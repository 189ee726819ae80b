import { ComingSoon } from "@/components/shell/coming-soon";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata = { title: "Drills" };

export default async function Page() {
  await requirePageUser("drills:read", "/drills");
  return (
    <ComingSoon
      title="Drills"
      what="Tabletop drills with timed injects through the real ingest pipeline, scored against playbook SLAs."
      issue="Tabletop drills"
    />
  );
}
