"use client";
import Link from "next/link";
import { DrillBadge } from "@/components/drills/drill-badge";
import { Button } from "@/components/ui/button";
import { Badge, Card, Table } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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

      <section aria-labelledby="plugins-h">
        <h2 id="plugins-h" className="mb-2 text-lg font-semibold">
          Plugins <span className="text-sm font-normal text-muted">({h.plugins.length})</span>
        </h2>
        <Table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Version</th>
              <th>Origin</th>
              <th>Signer</th>
              <th>SHA-256</th>
              <th>Permissions</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {h.plugins.map((p) => (
              <tr key={`${p.name}@${p.version}`}>
                <td>
                  <PluginLink name={p.name} />
                </td>
                <td className="font-mono text-xs">
                  <PluginLink name={p.name} version={p.version} label={p.version} />
                </td>
                <td className="max-w-56 truncate text-xs text-muted" title={p.origin}>
                  {p.origin}
                </td>
                <td className="text-xs">{p.signer ?? <Badge tone="warn">unsigned</Badge>}</td>
                <td className="font-mono text-xs" title={p.sha256}>
                  {shortSha(p.sha256)}
                </td>
                <td className="text-xs">
                  {p.permissions.length ? (
                    p.permissions.map((x) => (
                      <code key={x} className="mr-1 inline-block rounded bg-panel-2 px-1">
                        {x}
                      </code>
                    ))
                  ) : (
                    <span className="text-muted">none</span>
                  )}
                </td>
                <td>
                  <PluginStateBadge state={p.state} />
                </td>
              </tr>
            ))}
            {h.plugins.length === 0 ? (
              <tr>
                <td colSpan={7} className="py-6 text-center text-muted">
                  {h.inventoryAt ? "This host reports no plugins." : "No inventory reported yet."}
                </td>
              </tr>
            ) : null}
          </tbody>
        </Table>
      </section>

      <section aria-labelledby="incidents-h">
        <h2 id="incidents-h" className="mb-2 text-lg font-semibold">
          Incidents <span className="text-sm font-normal text-muted">({h.incidents.length})</span>
        </h2>
        <Table>
          <thead>
            <tr>
              <th>Key</th>
              <th>Title</th>
              <th>Severity</th>
              <th>Status</th>
              <th>Opened</th>
              <th className="text-right">Events from this host</th>
            </tr>
          </thead>
          <tbody>
            {h.incidents.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link
                    href={`/incidents/${i.id}`}
                    className="font-mono text-accent hover:underline"
                  >
                    {i.key}
                  </Link>
                  {i.drill ? <DrillBadge className="ml-2" /> : null}
                </td>
                <td>{i.title}</td>
                <td>
                  <SeverityBadge severity={i.severity} />
                </td>
                <td>
                  <Badge tone={i.status === "closed" ? "neutral" : "accent"}>{i.status}</Badge>
                </td>
                <td>
                  <Ago iso={i.openedAt} />
                </td>
                <td className="text-right tabular-nums">{i.hostEventCount}</td>
              </tr>
            ))}
            {h.incidents.length === 0 ? (
              <tr>
                <td colSpan={6} className="py-6 text-center text-muted">
                  No incidents involve this host.
                </td>
              </tr>
            ) : null}
          </tbody>
        </Table>
      </section>

      <section aria-labelledby="events-h">
        <h2 id="events-h" className="mb-2 text-lg font-semibold">
          Event history{" "}
          <span className="text-sm font-normal text-muted">
            (
            {h.events.length < h.eventCount
              ? `latest ${h.events.length} of ${h.eventCount}`
              : h.eventCount}
            )
          </span>
        </h2>
        <Table>
          <thead>
            <tr>
              <th>Observed</th>
              <th>Type</th>
              <th>Severity</th>
              <th>Plugin</th>
              <th>Incident</th>
            </tr>
          </thead>
          <tbody>
            {h.events.map((e) => (
              <tr key={e.id}>
                <td>
                  <Ago iso={e.observedAt} />
                </td>
                <td className="font-mono text-xs">{e.type}</td>
                <td>
                  <SeverityBadge severity={e.severity} />
                </td>
                <td className="text-xs">
                  {e.pluginName ? (
                    <>
                      <PluginLink name={e.pluginName} />{" "}
                      <span className="text-muted">{e.pluginVersion}</span>
                    </>
                  ) : (
                    <span className="text-muted">—</span>
                  )}
                </td>
                <td className="text-xs">
                  {e.incidentId ? (
                    <Link
                      href={`/incidents/${e.incidentId}`}
                      className="text-accent hover:underline"
                    >
                      open
                    </Link>
                  ) : (
                    <span className="text-muted">—</span>
                  )}
                </td>
              </tr>
            ))}
            {h.events.length === 0 ? (
              <tr>
                <td colSpan={5} className="py-6 text-center text-muted">
                  No events from this host.
                </td>
              </tr>
            ) : null}
          </tbody>
        </Table>
      </section>
    </div>
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
