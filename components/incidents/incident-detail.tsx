"use client";
import type { ReactNode } from "react";
import { IncidentArtifactsSection } from "@/components/artifacts/incident-artifacts-section";
import { DrillBadge, DrillBanner } from "@/components/drills/drill-badge";
import {
  IncidentPlaybookSection,
  IncidentRoles,
} from "@/components/playbooks/incident-playbook-section";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { useIncident } from "@/lib/incidents/queries";
import { useLiveChanges } from "@/lib/query/live";
import { SeverityBadge, StatusBadge } from "./badges";
import { CommentForm } from "./comment-form";
import { ContainmentProgress } from "./containment-progress";
import { ExternalFindingCard } from "./external-finding";
import { IncidentEvents } from "./incident-events";
import { IncidentHosts } from "./incident-hosts";
import { ContainmentLeftWarning, MergeNotice, RecurrenceNotice } from "./incident-links-notice";
import { IncidentOwner } from "./incident-owner";
import { IncidentTimeline } from "./incident-timeline";
import { LifecycleCard } from "./lifecycle-card";
import { RelatedIncidents } from "./related-incidents";
import { SeverityControl } from "./severity-control";
import { TransitionControls } from "./transition-controls";

// The page reads top-down in the order a responder acts at 3 a.m.: status and the status
// change, then what needs doing (current steps with SLAs, approvals, empty roles,
// containment per host), then commands and artifacts, and only then the record (hosts,
// events, timeline). Each block is its own section component so others slot in beside it.
// `viewer` is who is looking: a lead may merge any incident, a responder only the one they command.
export function IncidentDetailView({
  incidentRef,
  canWrite,
  viewer,
  approvals,
  commands,
}: {
  incidentRef: string;
  canWrite: boolean;
  viewer?: { id: string; lead: boolean };
  approvals?: ReactNode;
  commands?: ReactNode;
}) {
  const q = useIncident(incidentRef);
  const live = useLiveChanges({ incident: incidentRef });
  if (q.isPending) return <p className="text-muted">Loading…</p>;
  if (q.isError)
    return (
      <Card role="alert" className="text-danger">
        Could not load {incidentRef}: {q.error.message}
      </Card>
    );
  const {
    incident: i,
    hosts,
    plugins,
    timeline,
    allowedTransitions,
    transitionActors,
    containmentLeft,
    links,
    commander,
  } = q.data;
  const canMerge = canWrite && Boolean(viewer && (viewer.lead || commander?.userId === viewer.id));
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        {i.drillRun ? <DrillBanner run={i.drillRun} /> : null}
        <MergeNotice incident={i} />
        <Breadcrumb record parent={{ href: "/incidents", label: "Incidents" }} here={i.key} />
        <h1 className="text-2xl font-semibold tracking-tight">{i.title}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={i.severity} />
          <StatusBadge status={i.status} />
          {i.drill ? <DrillBadge runKey={i.drillRun?.key} /> : null}
          <span
            className="text-xs text-muted"
            data-testid="live-state"
            title={live ? "Changes arrive as they happen" : "Refreshing every second"}
          >
            {live ? "● live" : "○ polling"}
          </span>
          <span className="text-sm text-muted">
            {i.eventCount} events on {i.hostCount} host{i.hostCount === 1 ? "" : "s"} · opened{" "}
            <Time value={i.openedAt} relative /> · last event{" "}
            <Time value={i.lastEventAt} relative />
          </span>
        </div>
        <IncidentOwner commander={commander} canWrite={canWrite} />
        <RecurrenceNotice incident={i} />
      </header>

      {canWrite ? (
        <ContainmentLeftWarning left={containmentLeft} allowed={allowedTransitions} />
      ) : null}
      {canWrite && allowedTransitions.length ? (
        <TransitionControls incidentRef={i.key} status={i.status} allowed={allowedTransitions} />
      ) : null}
      {canWrite && i.status !== "closed" ? (
        <Card>
          <SeverityControl incidentRef={i.key} severity={i.severity} />
        </Card>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          {approvals}
          <IncidentPlaybookSection incidentRef={i.key} canWrite={canWrite} />
        </div>
        <aside className="min-w-0 space-y-6" aria-label="Roles, containment and lifecycle">
          <ExternalFindingCard incident={i} />
          <IncidentRoles incidentRef={i.key} canWrite={canWrite} />
          <RelatedIncidents incident={i} links={links} canWrite={canWrite} canMerge={canMerge} />
          <ContainmentProgress hosts={hosts} verifiedAt={i.containmentVerifiedAt} />
          <LifecycleCard incident={i} actors={transitionActors} />
        </aside>
      </div>

      {commands}
      <IncidentArtifactsSection
        incidentRef={i.key}
        hosts={hosts.map((h) => ({ id: h.id, hostname: h.hostname }))}
      />
      <IncidentHosts hosts={hosts} plugins={plugins} />
      <IncidentEvents incidentRef={i.key} hosts={hosts} />
      <IncidentTimeline
        entries={timeline}
        composer={canWrite ? <CommentForm incidentRef={i.key} /> : null}
      />
    </div>
  );
}
