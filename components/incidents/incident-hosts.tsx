"use client";
import Link from "next/link";
import { Time } from "@/components/ui/time";
import type { IncidentView } from "@/lib/incidents/queries";

/** Affected hosts and the plugins named in the events. A list, so it never scrolls sideways. */
export function IncidentHosts({
  hosts,
  plugins,
}: {
  hosts: IncidentView["hosts"];
  plugins: IncidentView["plugins"];
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-labelledby="hosts-h">
        <h2 id="hosts-h" className="mb-2 text-lg font-semibold">
          Affected hosts ({hosts.length})
        </h2>
        <ul className="divide-y divide-line rounded-lg border border-line text-sm">
          {hosts.map((h) => (
            <li key={h.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
              <Link className="font-medium text-accent hover:underline" href={`/hosts/${h.id}`}>
                {h.hostname}
              </Link>
              <span className="text-xs text-muted">{h.os}</span>
              {h.isolation === "isolated" ? (
                <span className="text-xs text-warn">isolated</span>
              ) : null}
              <span className="ml-auto text-xs text-muted">
                {h.eventCount} events · first <Time value={h.firstSeenAt} relative /> · last{" "}
                <Time value={h.lastSeenAt} relative />
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="plugins-h">
        <h2 id="plugins-h" className="mb-2 text-lg font-semibold">
          Plugins
        </h2>
        {plugins.length === 0 ? (
          <p className="text-sm text-muted">No plugin named in this incident&apos;s events.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {plugins.map((p) => (
              <li
                key={`${p.name}@${p.version}@${p.sha256}`}
                className="flex flex-wrap items-center gap-2"
              >
                <span className="font-medium">{p.name}</span>
                <span className="text-muted">{p.version}</span>
                {p.sha256 ? (
                  <code className="text-xs text-muted" title={p.sha256}>
                    {p.sha256.slice(0, 12)}…
                  </code>
                ) : null}
                <span className="text-xs text-muted">{p.eventCount} events</span>
                <Link
                  className="text-accent hover:underline"
                  href={`/hosts/plugins?${new URLSearchParams({ name: p.name, ...(p.version ? { version: p.version } : {}) })}`}
                >
                  Blast radius →
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
