"use client";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { IncidentView } from "@/lib/incidents/queries";

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

/** Each transition's time and who made it. */
export function LifecycleCard({
  incident: i,
  actors,
}: {
  incident: IncidentView["incident"];
  actors: IncidentView["transitionActors"];
}) {
  return (
    <Card aria-labelledby="lifecycle-h">
      <h2 id="lifecycle-h" className="mb-3 font-semibold">
        Lifecycle
      </h2>
      <dl className="space-y-2 text-sm">
        {LIFECYCLE.filter((l) => i[l.field] || l.status !== "open").map((l) => {
          const at = i[l.field];
          // Verified and contained at the same moment (the automatic move) reads as one row.
          if (l.field === "containmentVerifiedAt" && (!at || at === i.containedAt)) return null;
          const who = l.status ? actors[l.status] : undefined;
          return (
            <div key={l.field} className="flex justify-between gap-3">
              <dt className="text-muted">{l.label}</dt>
              <dd className="text-right">
                <span className="font-mono text-xs">{at ? <Time value={at} /> : "—"}</span>
                {at && who ? (
                  <span className="block text-xs text-muted">by {who.label}</span>
                ) : null}
                {at && !l.status ? (
                  <span className="block text-xs text-muted">
                    {l.field === "openedAt"
                      ? "by correlation"
                      : l.field === "containmentVerifiedAt"
                        ? "by command receipts"
                        : "by the agent"}
                  </span>
                ) : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </Card>
  );
}
