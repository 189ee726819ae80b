import Link from "next/link";
import { notFound } from "next/navigation";
import {
  IncidentCommands,
  IncidentPendingApprovals,
} from "@/components/commands/incident-commands";
import { IncidentDetailView } from "@/components/incidents/incident-detail";
import { requirePageUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getIncidentCommandTarget } from "@/lib/commands/get-incident-command-target";
import { incidentExists } from "@/lib/incidents/get-incident";

export async function generateMetadata({ params }: { params: Promise<{ ref: string }> }) {
  return { title: decodeURIComponent((await params).ref) };
}

export default async function Page({ params }: { params: Promise<{ ref: string }> }) {
  const ref = decodeURIComponent((await params).ref);
  const user = await requirePageUser("incidents:read", `/incidents/${encodeURIComponent(ref)}`);
  if (!(await incidentExists(ref))) notFound();
  const target = await getIncidentCommandTarget(ref);
  const canIssue = can(user.role, "commands:issue");
  return (
    <>
      <p className="mb-2 text-right text-sm">
        <Link
          className="text-accent hover:underline"
          href={`/incidents/${encodeURIComponent(ref)}/report`}
        >
          After-action report
        </Link>
      </p>
      <IncidentDetailView
        incidentRef={ref}
        canWrite={can(user.role, "incidents:write")}
        viewer={{ id: user.id, lead: can(user.role, "incidents:merge") }}
        approvals={
          target ? (
            <IncidentPendingApprovals incidentId={target.incidentId} canIssue={canIssue} />
          ) : null
        }
        commands={
          target ? (
            <IncidentCommands target={target} canIssue={canIssue} isAdmin={user.role === "admin"} />
          ) : null
        }
      />
    </>
  );
}
