"use client";
import Link from "next/link";
import { useIncident } from "@/lib/incidents/queries";
import { Card, Table } from "@/components/ui/card";
import { SeverityBadge, StatusBadge, ago, formatTime } from "./badges";
import { TransitionControls } from "./transition-controls";
import { ContainmentLeftWarning, RecurrenceNotice } from "./incident-links-notice";
import { IncidentTimeline } from "./incident-timeline";
import { IncidentArtifactsSection } from "@/components/artifacts/incident-artifacts-section";
import { IncidentPlaybookSection } from "@/components/playbooks/incident-playbook-section";

const LIFECYCLE = [
  { label: "Detected (first observed)", field: "detectedAt", status: null },
  { label: "Opened", field: "openedAt", status: null },
  { label: "Acknowledged", field: "acknowledgedAt", status: "acknowledged" },
  { label: "Contained", field: "containedAt", status: "contained" },
  { label: "Containment verified (receipts)", field: "containmentVerifiedAt", status: null },
  { label: "Recovered", field: "recoveredAt", status: "recovered" },
  { label: "Closed", field: "closedAt", status: "closed" },
  { label: "Reopened", field: "reopenedAt", status: "open" },
] as const;

export function IncidentDetailView({ incidentRef, canWrite }: { incidentRef: string; canWrite: boolean }) {
  const q = useIncident(incidentRef);
  if (q.isPending) return <p className="text-muted">Loading…</p>;
  if (q.isError) return <Card role="alert" className="text-danger">Could not load {incidentRef}: {q.error.message}</Card>;
  const { incident: i, hosts, plugins, events, timeline, allowedTransitions, transitionActors, eventsTruncated, containmentLeft } = q.data;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="font-mono text-sm text-muted"><Link href="/incidents" className="hover:underline">Incidents</Link> / {i.key}</p>
        <h1 className="text-2xl font-semibold tracking-tight">{i.title}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={i.severity} />
          <StatusBadge status={i.status} />
          {i.drill ? <span className="rounded border border-line px-1.5 text-xs text-muted">drill</span> : null}
          <span className="text-sm text-muted">{i.eventCount} events on {i.hostCount} host{i.hostCount === 1 ? "" : "s"} · last event {ago(i.lastEventAt)}</span>
        </div>
        <RecurrenceNotice incident={i} />
      </header>

      {canWrite ? <ContainmentLeftWarning left={containmentLeft} allowed={allowedTransitions} /> : null}
      {canWrite ? <TransitionControls incidentRef={i.key} status={i.status} allowed={allowedTransitions} /> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="self-start lg:col-span-1" aria-labelledby="lifecycle-h">
          <h2 id="lifecycle-h" className="mb-3 font-semibold">Lifecycle</h2>
          <dl className="space-y-2 text-sm">
            {LIFECYCLE.map((l) => {
              const at = i[l.field];
              // Verified and contained at the same moment (the automatic move) reads as one row.
              if (l.field === "containmentVerifiedAt" && (!at || at === i.containedAt)) return null;
              const who = l.status ? transitionActors[l.status] : undefined;
              return (
                <div key={l.field} className="flex justify-between gap-3">
                  <dt className="text-muted">{l.label}</dt>
                  <dd className="text-right">
                    <span className="font-mono text-xs">{formatTime(at)}</span>
                    {at && who ? <span className="block text-xs text-muted">by {who.label}</span> : null}
                    {at && !l.status ? <span className="block text-xs text-muted">{l.field === "openedAt" ? "by correlation" : l.field === "containmentVerifiedAt" ? "by command receipts" : "by the agent"}</span> : null}
                  </dd>
                </div>
              );
            })}
          </dl>
        </Card>

        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="hosts-h">
            <h2 id="hosts-h" className="mb-2 font-semibold">Affected hosts ({hosts.length})</h2>
            <Table>
              <thead><tr><th>Host</th><th>OS</th><th>Isolation</th><th>First event</th><th>Last event</th><th>Events</th></tr></thead>
              <tbody>
                {hosts.map((h) => (
                  <tr key={h.id}>
                    <td className="whitespace-nowrap"><Link className="text-accent hover:underline" href={`/hosts/${h.id}`}>{h.hostname}</Link></td>
                    <td className="text-xs text-muted">{h.os}</td>
                    <td className={h.isolation === "isolated" ? "text-warn" : "text-muted"}>{h.isolation === "isolated" ? "isolated" : "none"}</td>
                    <td className="whitespace-nowrap font-mono text-xs">{formatTime(h.firstSeenAt)}</td>
                    <td className="whitespace-nowrap font-mono text-xs">{formatTime(h.lastSeenAt)}</td>
                    <td className="tabular-nums">{h.eventCount}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </section>

          <section aria-labelledby="plugins-h">
            <h2 id="plugins-h" className="mb-2 font-semibold">Plugins</h2>
            {plugins.length === 0 ? <p className="text-sm text-muted">No plugin named in this incident&apos;s events.</p> : (
              <ul className="space-y-1 text-sm">
                {plugins.map((p) => (
                  <li key={`${p.name}@${p.version}@${p.sha256}`} className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{p.name}</span><span className="text-muted">{p.version}</span>
                    {p.sha256 ? <code className="text-xs text-muted" title={p.sha256}>{p.sha256.slice(0, 12)}…</code> : null}
                    <span className="text-xs text-muted">{p.eventCount} events</span>
                    <Link className="text-accent hover:underline" href={`/hosts/plugins?${new URLSearchParams({ name: p.name, ...(p.version ? { version: p.version } : {}) })}`}>Blast radius →</Link>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <IncidentPlaybookSection incidentRef={i.key} canWrite={canWrite} />
          <PendingCapability title="Commands" text="Revoke, quarantine, isolate and rollback commands sent to affected hosts, with their receipts, will appear here once commands land (issue 5)." />
        </div>
      </div>

      <section aria-labelledby="events-h">
        <h2 id="events-h" className="mb-2 font-semibold">Event stream {eventsTruncated ? <span className="text-sm font-normal text-muted">(newest {events.length} of {i.eventCount})</span> : null}</h2>
        <Table>
          <thead><tr><th>Observed (UTC)</th><th>Host</th><th>Type</th><th>Severity</th><th>Plugin</th><th>Details</th></tr></thead>
          <tbody>
            {events.map((e) => (
              <tr key={`${e.hostId}-${e.eventId}`}>
                <td className="whitespace-nowrap font-mono text-xs">{formatTime(e.observedAt)}</td>
                <td><Link className="text-accent hover:underline" href={`/hosts/${e.hostId}`}>{e.hostname}</Link></td>
                <td className="text-xs">{e.type.replaceAll("_", " ")}</td>
                <td><SeverityBadge severity={e.severity} /></td>
                <td className="text-xs">{e.pluginName ? `${e.pluginName} ${e.pluginVersion}` : "—"}</td>
                <td className="max-w-sm truncate font-mono text-xs text-muted" title={e.details ? JSON.stringify(e.details) : ""}>{e.details ? JSON.stringify(e.details) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>

      <IncidentArtifactsSection incidentRef={i.key} hosts={hosts.map((h) => ({ id: h.id, hostname: h.hostname }))} />

      <IncidentTimeline entries={timeline} />
    </div>
  );
}

/** A marked place for a capability another issue delivers: says so, shows nothing fake. */
export function PendingCapability({ title, text }: { title: string; text: string }) {
  return (
    <section aria-label={title} className="rounded-lg border border-dashed border-line p-4" data-pending-capability={title}>
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1 text-sm text-muted">{text}</p>
    </section>
  );
}
