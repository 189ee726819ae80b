"use client";
import { DataTable } from "@/components/metrics/chart-panel";
import { Badge } from "@/components/ui/card";
import type { ActionOutcomeName, DrillScore } from "@/lib/drills/views";
import { formatDuration } from "@/lib/metrics/format-duration";
import { outcomeText } from "@/lib/reports/render-drill-report-markdown";

const TONE: Record<ActionOutcomeName, "ok" | "warn" | "danger" | "neutral"> = {
  on_time: "ok",
  late: "warn",
  missed: "danger",
  pending: "neutral",
};
// A shape as well as a colour, so the outcome reads without colour vision.
const MARK: Record<ActionOutcomeName, string> = {
  on_time: "✓",
  late: "◷",
  missed: "✗",
  pending: "…",
};

export function OutcomeBadge({ a }: { a: DrillScore["actions"][number] }) {
  return (
    <Badge tone={TONE[a.outcome]} data-testid={`outcome-${a.id}`}>
      {MARK[a.outcome]} {outcomeText(a)}
    </Badge>
  );
}

/** The score: overall, per role, and each expected action against its target with why. */
export function DrillScoreView({ score, live }: { score: DrillScore; live: boolean }) {
  // Before anything falls due the formula says 100 (nothing has gone wrong yet); a facilitator
  // glancing at the page would read that as "the team is doing perfectly", so say it instead.
  const nothingDue = score.actions.every((a) => a.outcome === "pending");
  return (
    <section aria-labelledby="drill-score" className="space-y-3">
      <h2 id="drill-score" className="flex flex-wrap items-baseline gap-3 text-lg font-semibold">
        Score
        <span className="text-3xl font-bold tabular-nums" data-testid="drill-overall">
          {nothingDue ? "—" : score.overall}
          <span className="text-base font-normal text-muted"> / 100</span>
        </span>
        {nothingDue ? <span className="text-sm text-muted">nothing due yet</span> : null}
        {live ? <Badge tone="accent">live — the drill is still running</Badge> : null}
      </h2>
      <p className="text-xs text-muted">
        On time scores 1, late 0.5 × target ÷ (target + lateness), missed 0; actions not yet due are
        left out. All times are drill time, so pauses and speed changes do not count.
      </p>
      <DataTable
        head={["Role", "Score", "On time", "Late", "Missed", "Pending"]}
        rows={score.byRole.map((r) => [r.role, r.score, r.onTime, r.late, r.missed, r.pending])}
      />
      <DataTable
        head={["Expected action", "Role", "Target", "Actual", "Outcome", "Why"]}
        rows={score.actions.map((a) => [
          a.label,
          a.role,
          formatDuration(a.targetSeconds),
          a.actualSeconds === null ? "—" : formatDuration(a.actualSeconds),
          <OutcomeBadge key="o" a={a} />,
          a.why ?? "—",
        ])}
      />
    </section>
  );
}
