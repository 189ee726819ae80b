"use client";
import Link from "next/link";
import type { IncidentView } from "@/lib/incidents/queries";

/** "Recurrence of INC-…": the same plugin came back after its incident was closed. */
export function RecurrenceNotice({ incident }: { incident: IncidentView["incident"] }) {
  if (!incident.recurrenceOf && !incident.recurrences.length) return null;
  return (
    <p className="text-sm" data-testid="recurrence">
      {incident.recurrenceOf ? (
        <>
          Recurrence of{" "}
          <Link
            className="font-mono text-accent hover:underline"
            href={`/incidents/${incident.recurrenceOf.key}`}
          >
            {incident.recurrenceOf.key}
          </Link>
          , closed shortly before this one opened.{" "}
        </>
      ) : null}
      {incident.recurrences.length ? (
        <>
          Came back as{" "}
          {incident.recurrences.map((r, i) => (
            <span key={r.key}>
              {i ? ", " : ""}
              <Link className="font-mono text-accent hover:underline" href={`/incidents/${r.key}`}>
                {r.key}
              </Link>
            </span>
          ))}
          .
        </>
      ) : null}
    </p>
  );
}

/** "Merged into INC-…" on a duplicate (at the top, before anything invites work on it), and
 *  the duplicates a target absorbed. */
export function MergeNotice({ incident }: { incident: IncidentView["incident"] }) {
  const link = (key: string) => (
    <Link className="font-mono text-accent hover:underline" href={`/incidents/${key}`}>
      {key}
    </Link>
  );
  return (
    <>
      {incident.mergedInto ? (
        <p
          role="status"
          data-testid="merged-into"
          className="rounded-md border border-accent/60 p-3 text-sm font-semibold"
        >
          Merged into {link(incident.mergedInto.key)} — {incident.mergedInto.title}. Work continues
          there.
        </p>
      ) : null}
      {incident.merges.length ? (
        <p className="text-sm" data-testid="merged-here">
          Duplicates merged into this incident:{" "}
          {incident.merges.map((m, i) => (
            <span key={m.key}>
              {i ? ", " : ""}
              {link(m.key)}
            </span>
          ))}
          .
        </p>
      ) : null}
    </>
  );
}

/** Shown while Recover/Close is on offer: containment that would outlive the incident. */
export function ContainmentLeftWarning({
  left,
  allowed,
}: {
  left: IncidentView["containmentLeft"];
  allowed: readonly string[];
}) {
  if (!allowed.includes("recovered") && !allowed.includes("closed")) return null;
  if (!left.isolatedHosts.length && !left.restrictedPlugins.length) return null;
  return (
    <div
      role="note"
      data-testid="containment-left"
      className="rounded-md border border-warn/60 p-3 text-sm"
    >
      <p className="font-semibold text-warn">
        Before you recover or close: containment is still in place.
      </p>
      {left.isolatedHosts.length ? (
        <p>
          Still isolated: {left.isolatedHosts.map((h) => h.hostname).join(", ")} — release them when
          they are clean.
        </p>
      ) : null}
      {left.restrictedPlugins.length ? (
        <p>
          Plugin still {[...new Set(left.restrictedPlugins.map((p) => p.state))].join("/")}:{" "}
          {left.restrictedPlugins.map((p) => `${p.name} ${p.version} on ${p.hostname}`).join(", ")}.
        </p>
      ) : null}
    </div>
  );
}
