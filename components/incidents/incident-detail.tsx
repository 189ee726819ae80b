"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { useIncident } from "@/lib/incidents/queries";
import { useLiveChanges } from "@/lib/query/live";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { SeverityBadge, StatusBadge } from "./badges";
import { TransitionControls } from "./transition-controls";
import { ContainmentLeftWarning, RecurrenceNotice } from "./incident-links-notice";
import { IncidentTimeline } from "./incident-timeline";
import { IncidentEvents } from "./incident-events";
import { IncidentHosts } from "./incident-hosts";
import { LifecycleCard } from "./lifecycle-card";
import { ContainmentProgress } from "./containment-progress";
import { IncidentArtifactsSection } from "@/components/artifacts/incident-artifacts-section";
import { IncidentPlaybookSection, IncidentRoles } from "@/components/playbooks/incident-playbook-section";

// The page reads top-down in the order a responder acts at 3 a.m.: status and the status
// change, then what needs doing (current steps with SLAs, approvals, empty roles,
// containment per host), then commands and artifacts, and only then the record (hosts,
// events, timeline). Each block is its own section component so others slot in beside it.
export function IncidentDetailView({ incidentRef, canWrite, approvals, commands }: { incidentRef: string; canWrite: boolean; approvals?: ReactNode; commands?: ReactNode }) {
  const q = useIncident(incidentRef);
  const live = useLiveChanges({ incident: incidentRef });
  if (q.isPending) return <p className="text-muted">Loading…</p>;
  if (q.isError) return <Card role="alert" className="text-danger">Could not load {incidentRef}: {q.error.message}</Card>;
  const { incident: i, hosts, plugins, timeline, allowedTransitions, transitionActors, containmentLeft } = q.data;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <nav aria-label="Breadcrumb" className="font-mono text-sm text-muted"><Link href="/incidents" className="hover:underline">Incidents</Link> / <span aria-current="page">{i.key}</span></nav>
        <h1 className="text-2xl font-semibold tracking-tight">{i.title}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={i.severity} />
          <StatusBadge status={i.status} />
          {i.drill ? <span className="rounded border border-line px-1.5 text-xs text-muted">drill</span> : null}
          <span className="text-xs text-muted" data-testid="live-state" title={live ? "Changes arrive as they happen" : "Refreshing every second"}>{live ? "● live" : "○ polling"}</span>
          <span className="text-sm text-muted">{i.eventCount} events on {i.hostCount} host{i.hostCount === 1 ? "" : "s"} · opened <Time value={i.openedAt} relative /> · last event <Time value={i.lastEventAt} relative /></span>
        </div>
        <RecurrenceNotice incident={i} />
      </header>

      {canWrite ? <ContainmentLeftWarning left={containmentLeft} allowed={allowedTransitions} /> : null}
      {canWrite ? <TransitionControls incidentRef={i.key} status={i.status} allowed={allowedTransitions} /> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          {approvals}
          <IncidentPlaybookSection incidentRef={i.key} canWrite={canWrite} />
        </div>
        <aside className="min-w-0 space-y-6" aria-label="Roles, containment and lifecycle">
          <IncidentRoles incidentRef={i.key} canWrite={canWrite} />
          <ContainmentProgress hosts={hosts} verifiedAt={i.containmentVerifiedAt} />
          <LifecycleCard incident={i} actors={transitionActors} />
        </aside>
      </div>

      {commands}
      <IncidentArtifactsSection incidentRef={i.key} hosts={hosts.map((h) => ({ id: h.id, hostname: h.hostname }))} />
      <IncidentHosts hosts={hosts} plugins={plugins} />
      <IncidentEvents incidentRef={i.key} hosts={hosts} />
      <IncidentTimeline entries={timeline} />
    </div>
  );
}
