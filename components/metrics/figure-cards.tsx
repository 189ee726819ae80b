"use client";
import { Card } from "@/components/ui/card";
import { formatDuration } from "@/lib/metrics/format-duration";
import type { MetricsDashboardView } from "@/lib/metrics/queries";

export const FIGURE_LABEL = {
  mttd: {
    short: "MTTD",
    long: "Time to detect",
    definition: "First observedAt on any host → incident opened.",
  },
  mtta: {
    short: "MTTA",
    long: "Time to acknowledge",
    definition: "Opened → first acknowledgement by a person.",
  },
  mttc: {
    short: "MTTC",
    long: "Time to contain",
    definition:
      "Opened → containment verified: every containment command the incident issued succeeded, by the agents' receipts. Incidents that issued none use the “contained” transition instead, and are counted separately.",
  },
  mttr: {
    short: "MTTR",
    long: "Time to recover",
    definition:
      "Opened → first recovered. A reopened incident counts by its first cycle; reopens are counted separately.",
  },
} as const;

/** The four figures as p50 / p90 / mean with their count, and the change of the p50 against
 *  the previous period of the same length (down is better). */
export function FigureCards({ d }: { d: MetricsDashboardView }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
      {d.cards.map((c) => {
        const l = FIGURE_LABEL[c.figure];
        const ch = c.change.seconds;
        const better = ch !== null && ch < 0;
        return (
          <Card key={c.figure} className="space-y-2" data-testid={`card-${c.figure}`}>
            <div className="flex items-baseline justify-between gap-2">
              <h2 className="text-sm font-semibold">
                {l.short} <span className="font-normal text-muted">· {l.long}</span>
              </h2>
              <span className="text-xs text-muted">n = {c.now.count}</span>
            </div>
            <p className="text-2xl font-semibold tabular-nums" data-testid={`p50-${c.figure}`}>
              {formatDuration(c.now.p50)}{" "}
              <span className="text-xs font-normal text-muted">p50</span>
            </p>
            <dl className="grid grid-cols-2 gap-x-2 text-xs tabular-nums">
              <dt className="text-muted">p90</dt>
              <dd data-testid={`p90-${c.figure}`}>{formatDuration(c.now.p90)}</dd>
              <dt className="text-muted">mean</dt>
              <dd data-testid={`mean-${c.figure}`}>{formatDuration(c.now.mean)}</dd>
            </dl>
            <p
              className={`text-xs ${ch === null ? "text-muted" : better ? "text-ok" : ch > 0 ? "text-danger" : "text-muted"}`}
            >
              {ch === null
                ? "no previous period to compare"
                : `${ch < 0 ? "▼" : ch > 0 ? "▲" : "="} ${formatDuration(Math.abs(ch))} vs previous period (p50 ${formatDuration(c.before.p50)}, n = ${c.before.count})`}
            </p>
            <p className="text-xs text-muted">{l.definition}</p>
            {c.figure === "mttc" && d.containmentByTransition > 0 ? (
              <p className="text-xs text-warn">
                {d.containmentByTransition} incident(s) issued no containment command: their time is
                the “contained” click, not a receipt.
              </p>
            ) : null}
            {c.figure === "mttr" && d.reopened > 0 ? (
              <p className="text-xs text-warn">{d.reopened} incident(s) reopened after recovery.</p>
            ) : null}
          </Card>
        );
      })}
    </div>
  );
}
