"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { FilterSelect } from "@/components/ui/filter-select";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import {
  type IncidentEventFilters,
  type IncidentView,
  useIncidentEvents,
} from "@/lib/incidents/queries";
import { EVENT_TYPES, SEVERITIES } from "@/lib/protocol/events";
import { SeverityBadge } from "./badges";

const PAGE_SIZE = 25;
const rowId = (e: { hostId: string; eventId: string }) => `${e.hostId}-${e.eventId}`;

/** The event stream as a paged table the server filters by host, type and severity; each
 *  row's JSON details open in place. On narrow screens rows stack. */
export function IncidentEvents({
  incidentRef,
  hosts,
}: {
  incidentRef: string;
  hosts: IncidentView["hosts"];
}) {
  const [f, setF] = useState<IncidentEventFilters>({ page: 1 });
  const [open, setOpen] = useState<string | null>(null);
  const q = useIncidentEvents(incidentRef, { ...f, pageSize: PAGE_SIZE });
  const set = (patch: Partial<IncidentEventFilters>) => setF((x) => ({ ...x, ...patch, page: 1 }));
  const total = q.data?.total ?? 0;
  const page = f.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <section aria-labelledby="events-h" className="space-y-2" data-testid="event-stream">
      <div className="flex flex-wrap items-end gap-3">
        <h2 id="events-h" className="mr-auto text-lg font-semibold">
          Event stream{" "}
          <span className="text-sm font-normal text-muted">
            ({total} event{total === 1 ? "" : "s"}
            {f.host || f.type || f.severity ? " match" : ""})
          </span>
        </h2>
        <FilterSelect
          id="ev-host"
          label="Host"
          anyLabel="all hosts"
          value={f.host}
          onChange={(host) => set({ host })}
          options={hosts.map((h) => ({ value: h.id, label: h.hostname }))}
        />
        <FilterSelect
          id="ev-type"
          label="Type"
          anyLabel="all types"
          value={f.type}
          onChange={(type) => set({ type })}
          options={EVENT_TYPES}
          format={(t) => t.replaceAll("_", " ")}
        />
        <FilterSelect
          id="ev-sev"
          label="Severity"
          value={f.severity}
          onChange={(severity) => set({ severity })}
          options={SEVERITIES}
        />
      </div>
      <ProblemAlert error={q.error} />
      <DataTable
        labelledBy="events-h"
        rows={q.data?.events ?? []}
        rowKey={rowId}
        empty={q.data ? "No events match." : undefined}
        detail={(e) =>
          open === rowId(e)
            ? {
                id: `ev-${rowId(e)}`,
                content: (
                  <pre className="max-h-72 overflow-auto rounded bg-panel-2 p-2 text-xs">
                    {JSON.stringify(e.details, null, 2)}
                  </pre>
                ),
              }
            : null
        }
        columns={[
          {
            key: "observed",
            header: "Observed",
            cellClassName: "font-mono text-xs",
            cell: (e) => <Time value={e.observedAt} />,
          },
          {
            key: "host",
            header: "Host",
            cell: (e) => (
              <Link className="text-accent hover:underline" href={`/hosts/${e.hostId}`}>
                {e.hostname}
              </Link>
            ),
          },
          {
            key: "type",
            header: "Type",
            cellClassName: "text-xs",
            cell: (e) => e.type.replaceAll("_", " "),
          },
          {
            key: "severity",
            header: "Severity",
            cell: (e) => <SeverityBadge severity={e.severity} />,
          },
          {
            key: "plugin",
            header: "Plugin",
            cellClassName: "text-xs",
            cell: (e) => (e.pluginName ? `${e.pluginName} ${e.pluginVersion ?? ""}` : "—"),
          },
          {
            key: "details",
            header: <span className="sr-only">Details</span>,
            className: "text-right",
            cell: (e) => {
              const id = rowId(e);
              const expanded = open === id;
              return e.details ? (
                <button
                  type="button"
                  className="text-xs text-accent hover:underline"
                  aria-expanded={expanded}
                  aria-controls={`ev-${id}`}
                  onClick={() => setOpen(expanded ? null : id)}
                >
                  {expanded ? "Hide details" : "Details"}
                </button>
              ) : (
                <span className="text-xs text-muted">—</span>
              );
            },
          },
        ]}
      />
      <nav aria-label="Event pages" className="flex items-center gap-2 text-sm">
        <Button
          type="button"
          variant="secondary"
          disabled={page <= 1}
          onClick={() => setF((x) => ({ ...x, page: page - 1 }))}
        >
          Newer
        </Button>
        <span className="text-muted">
          page {page} of {pages}
        </span>
        <Button
          type="button"
          variant="secondary"
          disabled={page >= pages}
          onClick={() => setF((x) => ({ ...x, page: page + 1 }))}
        >
          Older
        </Button>
      </nav>
    </section>
  );
}
