"use client";
import { Badge } from "@/components/ui/card";
import { CommandsView } from "./commands-view";
import { IssueCommandForm } from "./issue-command-form";
import { fmtTime } from "./status-badge";
import { useIncident } from "@/lib/incidents/queries";

/** The incident page's containment section: revoke/isolate on every affected host, watch each
 *  go delivered → acknowledged → succeeded live, and see when containment is verified. */
export function IncidentCommands({ target, canIssue, isAdmin }: { target: { incidentId: string; hostIds: string[]; plugin?: { name: string; version?: string }; containmentVerifiedAt: string | null }; canIssue: boolean; isAdmin: boolean }) {
  // Live: the last succeeded receipt sets containment verified while the responder watches.
  const live = useIncident(target.incidentId);
  const verifiedAt = live.data?.incident.containmentVerifiedAt ?? target.containmentVerifiedAt;
  return (
    <section className="mt-6 space-y-3" aria-labelledby="incident-commands">
      <h2 id="incident-commands" className="flex items-center gap-2 text-lg font-semibold">
        Containment commands
        {verifiedAt ? <Badge tone="ok" data-testid="containment-verified">containment verified {fmtTime(verifiedAt)}</Badge> : null}
      </h2>
      {canIssue && target.hostIds.length ? <IssueCommandForm target={{ hostIds: target.hostIds }} incidentId={target.incidentId} defaultPlugin={target.plugin} isAdmin={isAdmin} title="Contain on every affected host" /> : null}
      <CommandsView fixed={{ incidentId: target.incidentId }} canIssue={canIssue} compact />
    </section>
  );
}
