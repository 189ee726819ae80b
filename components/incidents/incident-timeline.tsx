import type { ReactNode } from "react";
import { Time } from "@/components/ui/time";
import type { IncidentView } from "@/lib/incidents/queries";

const DOT: Record<string, string> = { system: "bg-accent", host: "bg-warn", user: "bg-ok" };

/** Append-only: rendered oldest first, never edited or hidden. A comment shows its author
 *  first and its text as typed (plain text, line breaks kept). */
export function IncidentTimeline({
  entries,
  composer,
}: {
  entries: IncidentView["timeline"];
  composer?: ReactNode;
}) {
  return (
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h" className="mb-2 text-lg font-semibold">
        Timeline
      </h2>
      {composer}
      <ol className="relative space-y-3 border-l border-line pl-5">
        {entries.map((t) => (
          <li key={t.id} className="relative" data-type={t.type}>
            <span
              className={`absolute -left-[25px] top-1.5 h-2.5 w-2.5 rounded-full ${DOT[t.actorType] ?? "bg-muted"}`}
              aria-hidden
            />
            {t.type === "comment" ? (
              <>
                <div className="flex flex-wrap items-baseline gap-x-3">
                  <span className="font-mono text-xs text-muted">
                    <Time value={t.at} />
                  </span>
                  <span className="text-sm font-semibold">{t.actorLabel} commented</span>
                </div>
                <p className="whitespace-pre-wrap break-words rounded-md border border-line bg-panel-2 px-3 py-2 text-sm">
                  {t.summary}
                </p>
              </>
            ) : (
              <>
                <div className="flex flex-wrap items-baseline gap-x-3">
                  <span className="font-mono text-xs text-muted">
                    <Time value={t.at} />
                  </span>
                  <span className="text-sm">{t.summary}</span>
                </div>
                <div className="text-xs text-muted">
                  {t.actorLabel} ({t.actorType}) · {t.type} · via {t.source}
                </div>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
