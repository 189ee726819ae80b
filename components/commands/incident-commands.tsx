"use client";
import { Badge } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { useCommands } from "@/lib/commands/queries";
import { useIncident } from "@/lib/incidents/queries";
import { CommandsView, PendingApprovals } from "./commands-view";
import { IssueCommandForm } from "./issue-command-form";

export type IncidentCommandTarget = {
  incidentId: string;
  hostIds: string[];
  plugin?: { name: string; version?: string };
  containmentVerifiedAt: string | null;
};

/** The incident page's containment section: revoke/isolate on every affected host, watch each
 *  go delivered → acknowledged → succeeded live, and see when containment is verified. */
export function IncidentCommands({
  target,
  canIssue,
  isAdmin,
}: {
  target: IncidentCommandTarget;
  canIssue: boolean;
  isAdmin: boolean;
}) {
  // Live: the last succeeded receipt sets containment verified while the responder watches.
  const live = useIncident(target.incidentId);
  const verifiedAt = live.data?.incident.containmentVerifiedAt ?? target.containmentVerifiedAt;
  return (
    <section className="space-y-3" aria-labelledby="incident-commands">
      <h2
        id="incident-commands"
        className="flex flex-wrap items-center gap-2 text-lg font-semibold"
      >
        Containment commands
        {verifiedAt ? (
          <Badge tone="ok" data-testid="containment-verified">
            containment verified <Time value={verifiedAt} />
          </Badge>
        ) : null}
      </h2>
      {canIssue && target.hostIds.length ? (
        <IssueCommandForm
          target={{ hostIds: target.hostIds }}
          incidentId={target.incidentId}
          defaultPlugin={target.plugin}
          isAdmin={isAdmin}
          title="Contain on every affected host"
          drillKey={live.data?.incident.drillRun?.key}
        />
      ) : null}
      <CommandsView
        fixed={{ incidentId: target.incidentId }}
        canIssue={canIssue}
        compact
        hidePending
      />
    </section>
  );
}

/** Command requests of this incident waiting for a second person: shown at the top of the
 *  page, because containment stalls until someone approves. */
export function IncidentPendingApprovals({
  incidentId,
  canIssue,
}: {
  incidentId: string;
  canIssue: boolean;
}) {
  const pending = useCommands({ incidentId, status: "awaiting_approval" });
  const rows = pending.data?.items ?? [];
  if (!canIssue || rows.length === 0) return null;
  return <PendingApprovals rows={rows} />;
}
