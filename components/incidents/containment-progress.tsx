"use client";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { containmentProgress, type HostContainment } from "@/lib/incidents/host-containment";
import type { IncidentView } from "@/lib/incidents/queries";
import { cn } from "@/lib/ui/cn";

const LABEL: Record<HostContainment, string> = {
  contained: "✓ contained",
  in_progress: "◐ in progress",
  failed: "✕ failed",
  not_started: "○ not started",
};
const TONE: Record<HostContainment, string> = {
  contained: "text-ok",
  in_progress: "text-warn",
  failed: "text-danger",
  not_started: "text-muted",
};

/** How far containment has got, host by host: the bar a commander reads first. */
export function ContainmentProgress({
  hosts,
  verifiedAt,
}: {
  hosts: IncidentView["hosts"];
  verifiedAt: string | null;
}) {
  const p = containmentProgress(hosts);
  const pct = p.total ? Math.round((p.contained / p.total) * 100) : 0;
  return (
    <Card aria-labelledby="containment-h" data-testid="containment-progress">
      <h2 id="containment-h" className="mb-2 font-semibold">
        Containment
      </h2>
      <p className="text-sm">
        <strong className="tabular-nums">
          {p.contained} of {p.total}
        </strong>{" "}
        host{p.total === 1 ? "" : "s"} contained{verifiedAt ? " · verified by receipts" : ""}
      </p>
      <div
        role="progressbar"
        aria-label="Hosts contained"
        aria-valuemin={0}
        aria-valuemax={p.total}
        aria-valuenow={p.contained}
        aria-valuetext={`${p.contained} of ${p.total} hosts contained`}
        className="mt-2 flex h-3 overflow-hidden rounded-full bg-panel-2"
      >
        <div className="bg-ok" style={{ width: `${pct}%` }} />
        <div
          className="bg-warn/70"
          style={{ width: `${p.total ? (p.inProgress / p.total) * 100 : 0}%` }}
        />
        <div
          className="bg-danger/80"
          style={{ width: `${p.total ? (p.failed / p.total) * 100 : 0}%` }}
        />
      </div>
      <p className="mt-1 text-xs text-muted">
        {p.inProgress} in progress · {p.failed} failed · {p.notStarted} not started
      </p>
      <ul className="mt-3 space-y-1 text-sm">
        {hosts.map((h) => (
          <li key={h.id} className="flex justify-between gap-2">
            <Link className="truncate text-accent hover:underline" href={`/hosts/${h.id}`}>
              {h.hostname}
            </Link>
            <span className={cn("shrink-0 text-xs", TONE[h.containment])}>
              {LABEL[h.containment]}
              {h.isolation === "isolated" ? " · isolated" : ""}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
