"use client";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { Table } from "@/components/ui/card";
import { FieldError, InputField, SelectField } from "@/components/ui/input";
import { type Connectivity, useHosts } from "@/lib/hosts/queries";
import { Ago, ConnectivityBadge, IsolationBadge } from "./bits";

export function HostsView() {
  const [q, setQ] = useState("");
  const [connectivity, setConnectivity] = useState<Connectivity | "">("");
  const deferredQ = useDeferredValue(q.trim());
  const hosts = useHosts({ q: deferredQ || undefined, connectivity });
  const rows = hosts.data?.hosts ?? [];
  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3"
        role="search"
        onSubmit={(e) => e.preventDefault()}
      >
        <InputField
          id="host-q"
          label="Search hostname"
          className="w-64"
          type="search"
          placeholder="e.g. ws-01"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={253}
        />
        <SelectField
          id="host-conn"
          label="Status"
          value={connectivity}
          onChange={(e) => setConnectivity(e.target.value as Connectivity | "")}
        >
          <option value="">all</option>
          <option value="online">online</option>
          <option value="stale">stale</option>
          <option value="offline">offline</option>
        </SelectField>
        <p className="pb-2 text-xs text-muted" aria-live="polite">
          {hosts.data
            ? `${rows.length === hosts.data.total ? rows.length : `${rows.length} of ${hosts.data.total}`} host${hosts.data.total === 1 ? "" : "s"} · live`
            : ""}
          {hosts.isFetching ? " · refreshing" : ""}
        </p>
      </form>
      {hosts.error ? <FieldError>{hosts.error.message}</FieldError> : null}
      <Table
        empty={
          hosts.data && rows.length === 0
            ? deferredQ || connectivity
              ? "No host matches these filters."
              : "No hosts enrolled yet. Create an enrollment token and start an agent."
            : undefined
        }
        head={[
          "Hostname",
          { label: "OS", className: "hidden xl:table-cell" },
          { label: "Agent", className: "hidden xl:table-cell" },
          "Last seen",
          "Status",
          "Isolation",
          { label: "Plugins", className: "text-right" },
          { label: "Open incidents", className: "text-right" },
        ]}
      >
        {rows.map((h) => (
          <tr key={h.id} data-testid={`host-row-${h.hostname}`} className="hover:bg-panel-2/60">
            <td>
              <Link href={`/hosts/${h.id}`} className="font-medium text-accent hover:underline">
                {h.hostname}
              </Link>
              {h.simulated ? <span className="ml-2 text-xs text-muted">simulated</span> : null}
            </td>
            <td className="hidden text-muted xl:table-cell">{h.os}</td>
            <td className="hidden font-mono text-xs xl:table-cell">{h.agentVersion}</td>
            <td className="whitespace-nowrap" data-label="seen">
              <Ago iso={h.lastSeenAt} />
            </td>
            <td>
              <ConnectivityBadge c={h.connectivity} revoked={h.status === "revoked"} />
            </td>
            <td>
              <IsolationBadge isolation={h.isolation} />
            </td>
            <td className="text-right tabular-nums" data-label="plugins">
              {h.plugins}
            </td>
            <td className="text-right tabular-nums" data-label="open incidents">
              {h.openIncidents ? (
                <span className="font-semibold text-danger">{h.openIncidents}</span>
              ) : (
                <span className="text-muted">0</span>
              )}
            </td>
          </tr>
        ))}
      </Table>
      {hosts.isPending ? <p className="text-muted">Loading…</p> : null}
    </div>
  );
}
