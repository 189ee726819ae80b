"use client";
import Link from "next/link";
import type { IncidentView } from "@/lib/incidents/queries";

/** "Recurrence of INC-…": the same plugin came back after its incident was closed. */
export function RecurrenceNotice({ incident }: { incident: IncidentView["incident"] }) {
  if (!incident.recurrenceOf && !incident.recurrences.length) return null;
  return (
    <p className="text-sm" data-testid="recurrence">
      {incident.recurrenceOf ? (
        <>Recurrence of <Link className="font-mono text-accent hover:underline" href={`/incidents/${incident.recurrenceOf.key}`}>{incident.recurrenceOf.key}</Link>, closed shortly before this one opened. </>
      ) : null}
      {incident.recurrences.length ? (
        <>Came back as {incident.recurrences.map((r, i) => <span key={r.key}>{i ? ", " : ""}<Link className="font-mono text-accent hover:underline" href={`/incidents/${r.key}`}>{r.key}</Link></span>)}.</>
      ) : null}
    </p>
  );
}

/** Shown while Recover/Close is on offer: containment that would outlive the incident. */
export function ContainmentLeftWarning({ left, allowed }: { left: IncidentView["containmentLeft"]; allowed: readonly string[] }) {
  if (!allowed.includes("recovered") && !allowed.includes("closed")) return null;
  if (!left.isolatedHosts.length && !left.restrictedPlugins.length) return null;
  return (
    <div role="note" data-testid="containment-left" className="rounded-md border border-warn/60 p-3 text-sm">
      <p className="font-semibold text-warn">Before you recover or close: containment is still in place.</p>
      {left.isolatedHosts.length ? <p>Still isolated: {left.isolatedHosts.map((h) => h.hostname).join(", ")} — release them when they are clean.</p> : null}
      {left.restrictedPlugins.length ? <p>Plugin still {[...new Set(left.restrictedPlugins.map((p) => p.state))].join("/")}: {left.restrictedPlugins.map((p) => `${p.name} ${p.version} on ${p.hostname}`).join(", ")}.</p> : null}
    </div>
  );
}
