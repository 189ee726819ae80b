"use client";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { DrillBadge } from "@/components/drills/drill-badge";
import { Button } from "@/components/ui/button";
import { Card, Table } from "@/components/ui/card";
import { InputField, SelectField } from "@/components/ui/input";
import { Time } from "@/components/ui/time";
import { type IncidentFilters, useIncidents } from "@/lib/incidents/queries";
import { INCIDENT_STATUSES } from "@/lib/incidents/transitions";
import { SeverityBadge, StatusBadge } from "./badges";

// Every status of the transitions table, so a new one cannot be missing from the filter.
const STATUS_OPTIONS = [
  {
    value: INCIDENT_STATUSES.filter((s) => s !== "closed").join(","),
    label: "Active (not closed)",
  },
  { value: "", label: "Any status" },
  ...INCIDENT_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) })),
];
const SEVERITY_OPTIONS = [
  { value: "", label: "Any severity" },
  { value: "critical", label: "Critical" },
  { value: "high,critical", label: "High and above" },
  { value: "high", label: "High" },
  { value: "medium", label: "Medium" },
  { value: "low", label: "Low" },
];

export function IncidentsView({ initial }: { initial: IncidentFilters }) {
  const [f, setF] = useState<IncidentFilters>({ status: STATUS_OPTIONS[0].value, ...initial });
  const deferred = useDeferredValue(f);
  const q = useIncidents(deferred);
  const set = (k: keyof IncidentFilters) => (e: { target: { value: string } }) =>
    setF((old) => ({ ...old, [k]: e.target.value, page: 1 }));
  const text = (k: "q" | "plugin" | "host", label: string, placeholder: string) => (
    <InputField
      id={`f-${k}`}
      label={label}
      placeholder={placeholder}
      value={f[k] ?? ""}
      onChange={set(k)}
    />
  );
  const select = (
    k: "status" | "severity",
    label: string,
    options: { value: string; label: string }[],
  ) => (
    <SelectField
      id={`f-${k}`}
      label={label}
      selectClassName="w-full"
      value={f[k] ?? ""}
      onChange={set(k)}
    >
      {options.map((o) => (
        <option key={o.label} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
  const data = q.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <div className="space-y-4">
      <Card
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5"
        role="search"
        aria-label="Filter incidents"
      >
        {text("q", "Key or title", "INC-2026-0042")}
        {select("status", "Status", STATUS_OPTIONS)}
        {select("severity", "Severity", SEVERITY_OPTIONS)}
        {text("plugin", "Plugin", "name or sha256")}
        {text("host", "Host", "hostname")}
      </Card>

      <div className="flex items-center justify-between text-sm text-muted" aria-live="polite">
        <span data-testid="incident-count">
          {data ? `${data.total} incident${data.total === 1 ? "" : "s"}` : "Loading…"}
        </span>
        <span className="flex items-center gap-2">
          <span
            className={
              q.isError
                ? "h-2 w-2 rounded-full bg-danger"
                : "h-2 w-2 animate-pulse rounded-full bg-ok"
            }
            aria-hidden
          />
          {q.isError ? `Not updating: ${q.error.message}` : "Live"}
        </span>
      </div>

      <Table
        empty={
          data && data.incidents.length === 0 ? "No incidents match these filters." : undefined
        }
        aria-label="Incidents"
        head={["Key", "Severity", "Status", "Title", "Hosts", "Events", "Opened", "Last event"]}
      >
        {data?.incidents.map((i) => (
          <tr
            key={i.id}
            data-testid={`incident-row-${i.key}`}
            data-drill={i.drill || undefined}
            className={i.drill ? "bg-drill/10 hover:bg-drill/20" : "hover:bg-panel-2"}
          >
            <td className="whitespace-nowrap font-mono">
              <Link href={`/incidents/${i.key}`} className="text-accent hover:underline">
                {i.key}
              </Link>
              {i.drill ? <DrillBadge className="ml-1" runKey={i.drillRun?.key} /> : null}
            </td>
            <td>
              <SeverityBadge severity={i.severity} />
            </td>
            <td>
              <StatusBadge status={i.status} />
            </td>
            <td className="stack-full max-w-md truncate" title={i.title}>
              {i.title}
            </td>
            <td className="tabular-nums" data-label="hosts">
              {i.hostCount}
            </td>
            <td className="tabular-nums" data-label="events">
              {i.eventCount}
            </td>
            <td className="whitespace-nowrap text-xs text-muted" data-label="opened">
              <Time value={i.openedAt} relative />
            </td>
            <td className="whitespace-nowrap text-xs text-muted" data-label="last event">
              <Time value={i.lastEventAt} relative />
            </td>
          </tr>
        ))}
      </Table>

      {pages > 1 ? (
        <nav className="flex items-center gap-2" aria-label="Pages">
          <Button
            variant="secondary"
            disabled={(f.page ?? 1) <= 1}
            onClick={() => setF((o) => ({ ...o, page: (o.page ?? 1) - 1 }))}
          >
            Newer
          </Button>
          <span className="text-sm text-muted">
            Page {f.page ?? 1} of {pages}
          </span>
          <Button
            variant="secondary"
            disabled={(f.page ?? 1) >= pages}
            onClick={() => setF((o) => ({ ...o, page: (o.page ?? 1) + 1 }))}
          >
            Older
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
