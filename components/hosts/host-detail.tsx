"use client";
import Link from "next/link";
import { DrillBadge } from "@/components/drills/drill-badge";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { type Column, DataTable } from "@/components/ui/data-table";
import { FieldError } from "@/components/ui/input";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import { useHost, useRevokeHost } from "@/lib/hosts/queries";
import {
  Ago,
  ConnectivityBadge,
  IsolationBadge,
  PluginLink,
  PluginStateBadge,
  SeverityBadge,
  shortSha,
} from "./bits";

// Both tables of the host (its incidents, its events) show severity with the hosts' badge.
const severityColumn: Column<{ severity: string }> = {
  key: "severity",
  header: "Severity",
  cell: (row) => <SeverityBadge severity={row.severity} />,
};

export function HostDetail({ id, canManage }: { id: string; canManage: boolean }) {
  const host = useHost(id);
  if (host.isPending) return <p className="text-muted">Loading…</p>;
  if (host.error) return <FieldError>{host.error.message}</FieldError>;
  const h = host.data;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{h.hostname}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-muted">
            <ConnectivityBadge c={h.connectivity} revoked={h.status === "revoked"} />
            <IsolationBadge isolation={h.isolation} />
            <span>{h.os}</span>·
            <span>
              agent <span className="font-mono">{h.agentVersion}</span>
            </span>
            ·
            <span>
              last seen <Ago iso={h.lastSeenAt} />
            </span>
          </p>
        </div>
        {canManage && h.status === "active" ? <RevokeHost id={h.id} hostname={h.hostname} /> : null}
      </div>
      <Card className="grid gap-2 text-sm sm:grid-cols-4">
        <Fact k="Enrolled" v={<Time value={h.enrolledAt} />} />
        <Fact k="Enrollment token" v={h.enrollmentToken?.label ?? "—"} />
        <Fact k="Inventory reported" v={h.inventoryAt ? <Ago iso={h.inventoryAt} /> : "never"} />
        <Fact
          k={h.status === "revoked" ? "Revoked" : "Host id"}
          v={
            h.status === "revoked" && h.revokedAt ? (
              <Time value={h.revokedAt} />
            ) : (
              <span className="font-mono text-xs">{h.id}</span>
            )
          }
        />
      </Card>

      <TableSection id="plugins-h" title="Plugins" count={h.plugins.length}>
        <DataTable
          labelledBy="plugins-h"
          rows={h.plugins}
          rowKey={(p) => `${p.name}@${p.version}`}
          empty={h.inventoryAt ? "This host reports no plugins." : "No inventory reported yet."}
          columns={[
            { key: "name", header: "Name", cell: (p) => <PluginLink name={p.name} /> },
            {
              key: "version",
              header: "Version",
              cellClassName: "font-mono text-xs",
              cell: (p) => <PluginLink name={p.name} version={p.version} label={p.version} />,
            },
            {
              key: "origin",
              header: "Origin",
              cellClassName: "max-w-56 truncate text-xs text-muted",
              cell: (p) => <span title={p.origin}>{p.origin}</span>,
            },
            {
              key: "signer",
              header: "Signer",
              cellClassName: "text-xs",
              cell: (p) => p.signer ?? <Badge tone="warn">unsigned</Badge>,
            },
            {
              key: "sha",
              header: "SHA-256",
              cellClassName: "font-mono text-xs",
              cell: (p) => <span title={p.sha256}>{shortSha(p.sha256)}</span>,
            },
            {
              key: "permissions",
              header: "Permissions",
              cellClassName: "text-xs",
              cell: (p) =>
                p.permissions.length ? (
                  p.permissions.map((x) => (
                    <code key={x} className="mr-1 inline-block rounded bg-panel-2 px-1">
                      {x}
                    </code>
                  ))
                ) : (
                  <span className="text-muted">none</span>
                ),
            },
            { key: "state", header: "State", cell: (p) => <PluginStateBadge state={p.state} /> },
          ]}
        />
      </TableSection>

      <TableSection id="incidents-h" title="Incidents" count={h.incidents.length}>
        <DataTable
          labelledBy="incidents-h"
          rows={h.incidents}
          rowKey={(i) => i.id}
          empty="No incidents involve this host."
          columns={[
            {
              key: "key",
              header: "Key",
              cell: (i) => (
                <>
                  <Link
                    href={`/incidents/${i.id}`}
                    className="font-mono text-accent hover:underline"
                  >
                    {i.key}
                  </Link>
                  {i.drill ? <DrillBadge className="ml-2" /> : null}
                </>
              ),
            },
            { key: "title", header: "Title", cell: (i) => i.title },
            severityColumn,
            {
              key: "status",
              header: "Status",
              cell: (i) => (
                <Badge tone={i.status === "closed" ? "neutral" : "accent"}>{i.status}</Badge>
              ),
            },
            { key: "opened", header: "Opened", cell: (i) => <Ago iso={i.openedAt} /> },
            {
              key: "events",
              header: "Events from this host",
              className: "text-right",
              cellClassName: "tabular-nums",
              cell: (i) => i.hostEventCount,
            },
          ]}
        />
      </TableSection>

      <TableSection
        id="events-h"
        title="Event history"
        count={
          h.events.length < h.eventCount
            ? `latest ${h.events.length} of ${h.eventCount}`
            : h.eventCount
        }
      >
        <DataTable
          labelledBy="events-h"
          rows={h.events}
          rowKey={(e) => e.id}
          empty="No events from this host."
          columns={[
            { key: "observed", header: "Observed", cell: (e) => <Ago iso={e.observedAt} /> },
            {
              key: "type",
              header: "Type",
              cellClassName: "font-mono text-xs",
              cell: (e) => e.type,
            },
            severityColumn,
            {
              key: "plugin",
              header: "Plugin",
              cellClassName: "text-xs",
              cell: (e) =>
                e.pluginName ? (
                  <>
                    <PluginLink name={e.pluginName} />{" "}
                    <span className="text-muted">{e.pluginVersion}</span>
                  </>
                ) : (
                  <span className="text-muted">—</span>
                ),
            },
            {
              key: "incident",
              header: "Incident",
              cellClassName: "text-xs",
              cell: (e) =>
                e.incidentId ? (
                  <Link href={`/incidents/${e.incidentId}`} className="text-accent hover:underline">
                    open
                  </Link>
                ) : (
                  <span className="text-muted">—</span>
                ),
            },
          ]}
        />
      </TableSection>
    </div>
  );
}

/** A heading with a count in brackets over the table it names (labelledBy={id}). */
function TableSection({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-2 text-lg font-semibold">
        {title} <span className="text-sm font-normal text-muted">({count})</span>
      </h2>
      {children}
    </section>
  );
}

function Fact({ k, v }: { k: string; v: React.ReactNode }) {
  return (
    <div>
      <div className="text-xs uppercase tracking-wide text-muted">{k}</div>
      <div className="mt-0.5">{v}</div>
    </div>
  );
}

function RevokeHost({ id, hostname }: { id: string; hostname: string }) {
  const revoke = useRevokeHost();
  return (
    <div>
      <ConfirmDialog
        trigger={
          <Button variant="danger" disabled={revoke.isPending}>
            Revoke host…
          </Button>
        }
        destructive
        title={`Revoke ${hostname}?`}
        description="Its agent credential stops working immediately: no more events, inventory or commands from this host until it is enrolled again. This cannot be undone."
        confirmLabel="Revoke now"
        onConfirm={() => revoke.mutate(id)}
      />
      <ProblemAlert error={revoke.error} />
    </div>
  );
}
