"use client";
import { Card } from "@/components/ui/card";
import type { IncidentView } from "@/lib/incidents/queries";
import { externalFindingSchema } from "@/lib/protocol/events";

/** The finding another tool reported (Security Hub, Okta, Prowler, Falco …), in that tool's
 *  own words, so a responder can find it there: its uid is what their console searches by. */
export function ExternalFindingCard({ incident }: { incident: IncidentView["incident"] }) {
  const parsed = externalFindingSchema.safeParse(incident.finding);
  if (!incident.finding || !parsed.success) return null;
  const f = parsed.data;
  const product = [f.product?.vendor, f.product?.name].filter(Boolean).join(" ");
  return (
    <Card aria-labelledby="finding-h" data-testid="external-finding">
      <h2 id="finding-h" className="mb-3 font-semibold">
        Reported by {product || "another tool"}
      </h2>
      <dl className="space-y-2 text-sm">
        {f.title ? (
          <div>
            <dt className="text-muted">Finding</dt>
            <dd>{f.title}</dd>
          </div>
        ) : null}
        {f.uid ? (
          <div>
            <dt className="text-muted">Finding id</dt>
            <dd className="font-mono text-xs break-all">{f.uid}</dd>
          </div>
        ) : null}
        {f.types?.length ? (
          <div>
            <dt className="text-muted">Types</dt>
            <dd>
              <ul className="flex flex-wrap gap-1">
                {f.types.map((t) => (
                  <li key={t} className="rounded border border-line px-1.5 font-mono text-xs">
                    {t}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {f.class ? (
          <div>
            <dt className="text-muted">OCSF class</dt>
            <dd>{f.class}</dd>
          </div>
        ) : null}
      </dl>
    </Card>
  );
}
