"use client";
import Link from "next/link";
import { Fragment, useState } from "react";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/input";
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

/** The event stream as a paged table the server filters by host, type and severity; each
 *  row's JSON details open in place. On narrow screens every row is a small card. */
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
        <div>
          <Label htmlFor="ev-host">Host</Label>
          <Select
            id="ev-host"
            value={f.host ?? ""}
            onChange={(e) => set({ host: e.target.value || undefined })}
          >
            <option value="">all hosts</option>
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.hostname}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="ev-type">Type</Label>
          <Select
            id="ev-type"
            value={f.type ?? ""}
            onChange={(e) => set({ type: e.target.value || undefined })}
          >
            <option value="">all types</option>
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t.replaceAll("_", " ")}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="ev-sev">Severity</Label>
          <Select
            id="ev-sev"
            value={f.severity ?? ""}
            onChange={(e) => set({ severity: e.target.value || undefined })}
          >
            <option value="">any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <ProblemAlert error={q.error} />
      <div className="overflow-hidden rounded-lg border border-line">
        <table className="w-full text-left text-sm max-md:block [&_td]:px-3 [&_td]:py-2 [&_th]:bg-panel-2 [&_th]:px-3 [&_th]:py-2 [&_th]:font-medium [&_th]:text-muted">
          <thead className="max-md:hidden">
            <tr>
              <th>Observed</th>
              <th>Host</th>
              <th>Type</th>
              <th>Severity</th>
              <th>Plugin</th>
              <th>
                <span className="sr-only">Details</span>
              </th>
            </tr>
          </thead>
          <tbody className="max-md:block">
            {(q.data?.events ?? []).map((e) => {
              const id = `${e.hostId}-${e.eventId}`;
              const expanded = open === id;
              return (
                <Fragment key={id}>
                  <tr className="border-t border-line max-md:flex max-md:flex-wrap max-md:gap-x-3 max-md:py-1">
                    <td className="font-mono text-xs">
                      <Time value={e.observedAt} />
                    </td>
                    <td>
                      <Link className="text-accent hover:underline" href={`/hosts/${e.hostId}`}>
                        {e.hostname}
                      </Link>
                    </td>
                    <td className="text-xs">{e.type.replaceAll("_", " ")}</td>
                    <td>
                      <SeverityBadge severity={e.severity} />
                    </td>
                    <td className="text-xs">
                      {e.pluginName ? `${e.pluginName} ${e.pluginVersion ?? ""}` : "—"}
                    </td>
                    <td className="text-right">
                      {e.details ? (
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
                      )}
                    </td>
                  </tr>
                  {expanded ? (
                    <tr id={`ev-${id}`} className="max-md:block">
                      <td colSpan={6} className="max-md:block">
                        <pre className="max-h-72 overflow-auto rounded bg-panel-2 p-2 text-xs">
                          {JSON.stringify(e.details, null, 2)}
                        </pre>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
            {q.data && q.data.events.length === 0 ? (
              <tr className="max-md:block">
                <td colSpan={6} className="py-6 text-center text-muted max-md:block">
                  No events match.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
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
