import type { IncidentView } from "@/lib/incidents/queries";
import { Time } from "@/components/ui/time";

const DOT: Record<string, string> = { system: "bg-accent", host: "bg-warn", user: "bg-ok" };

/** Append-only: rendered oldest first, never edited or hidden. */
export function IncidentTimeline({ entries }: { entries: IncidentView["timeline"] }) {
  return (
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h" className="mb-2 text-lg font-semibold">Timeline</h2>
      <ol className="relative space-y-3 border-l border-line pl-5">
        {entries.map((t) => (
          <li key={t.id} className="relative">
            <span className={`absolute -left-[25px] top-1.5 h-2.5 w-2.5 rounded-full ${DOT[t.actorType] ?? "bg-muted"}`} aria-hidden />
            <div className="flex flex-wrap items-baseline gap-x-3">
              <span className="font-mono text-xs text-muted"><Time value={t.at} /></span>
              <span className="text-sm">{t.summary}</span>
            </div>
            <div className="text-xs text-muted">{t.actorLabel} ({t.actorType}) · {t.type} · via {t.source}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}
