"use client";
import Link from "next/link";
import { DataTable } from "@/components/metrics/chart-panel";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Badge, Card } from "@/components/ui/card";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import { drillStamp } from "@/lib/drills/drill-stamp";
import { useDrillComparison, useDrillRun, useDrillScore } from "@/lib/drills/queries";
import type { DrillRunView } from "@/lib/drills/views";
import { DrillBadge } from "./drill-badge";
import { DrillComparisonCharts } from "./drill-comparison-charts";
import { DrillClock, DrillNotes, DrillRunControls } from "./drill-run-controls";
import { DrillScoreView } from "./drill-score-view";
import { DrillStatusBadge } from "./drills-view";

const INJECT_TONE = { fired: "ok", failed: "danger", pending: "neutral", skipped: "warn" } as const;

function Progress({
  id,
  label,
  value,
  max,
}: {
  id: string;
  label: string;
  value: number;
  max: number;
}) {
  const pct = max ? Math.round((100 * value) / max) : 0;
  return (
    <div className="space-y-1">
      <div id={id} className="flex justify-between text-xs text-muted">
        <span>{label}</span>
        <span className="tabular-nums">
          {value} of {max}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={`${value} of ${max}`}
        className="h-2 w-full overflow-hidden rounded bg-panel-2"
      >
        <div className="h-full bg-drill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function Injects({ run }: { run: DrillRunView }) {
  const done = run.injects.filter((i) => i.status !== "pending").length;
  return (
    <section aria-labelledby="drill-injects" className="space-y-2">
      <h2 id="drill-injects" className="text-lg font-semibold">
        Injects
      </h2>
      <Progress
        id="drill-injects-progress"
        label="Injects fired or settled"
        value={done}
        max={run.injects.length}
      />
      <ol className="space-y-1 text-sm">
        {run.injects.map((i) => (
          <li
            key={i.index}
            className="flex flex-wrap items-center gap-2"
            data-testid={`inject-${i.id}`}
          >
            <span className="font-mono tabular-nums text-muted">
              {drillStamp(i.atSeconds * 1000)}
            </span>
            <Badge tone={INJECT_TONE[i.status]}>{i.status}</Badge>
            <span>{i.label}</span>
            <span className="text-xs text-muted">{i.kind}</span>
            {i.error ? <span className="text-xs text-danger">{i.error}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Side({ run }: { run: DrillRunView }) {
  return (
    <div className="space-y-4">
      <Card className="space-y-2">
        <h2 className="text-sm font-semibold">Simulated fleet</h2>
        <p className="text-sm tabular-nums" data-testid="drill-hosts">
          <span className="text-ok">● {run.hosts.online} online</span> ·{" "}
          <span className="text-danger">○ {run.hosts.offline} offline</span> · {run.hosts.total}{" "}
          hosts
        </p>
        <Progress
          id="drill-hosts-online"
          label="Hosts online"
          value={run.hosts.online}
          max={run.hosts.total}
        />
      </Card>
      <Card className="space-y-2">
        <h2 className="text-sm font-semibold">Drill incidents</h2>
        {run.incidents.length ? (
          <ul className="space-y-1 text-sm">
            {run.incidents.map((i) => (
              <li key={i.id}>
                <Link
                  className="font-mono text-accent hover:underline"
                  href={`/incidents/${i.key}`}
                >
                  {i.key}
                </Link>{" "}
                {i.title}{" "}
                <span className="text-xs text-muted">
                  ({i.severity}, {i.status})
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">None yet: the injects open them.</p>
        )}
      </Card>
      <Card className="space-y-2">
        <h2 className="text-sm font-semibold">Participants</h2>
        <ul className="text-sm">
          {run.participants.map((p) => (
            <li key={`${p.userId}-${p.role}`}>
              <span className="font-medium">{p.role}</span>: {p.name}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

/** One drill run, live: the clock, controls, injects, fleet and incidents; once it has ended,
 *  the score, the comparison with earlier runs and the report. */
export function DrillRunPage({ id }: { id: string }) {
  const q = useDrillRun(id);
  const run = q.data;
  const ended = run?.status === "ended";
  const score = useDrillScore(id, !ended);
  const comparison = useDrillComparison(id, ended);
  if (q.isPending) return <p className="text-muted">Loading…</p>;
  if (!run) return <ProblemAlert error={q.error} />;
  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <Breadcrumb record parent={{ href: "/drills", label: "Drills" }} here={run.key} />
        <div className="flex flex-wrap items-center gap-3">
          <DrillBadge runKey={run.key} />
          <h1 className="text-2xl font-semibold tracking-tight">{run.scenarioTitle}</h1>
          <DrillStatusBadge status={run.status} />
        </div>
        <div className="flex flex-wrap items-center gap-6">
          <DrillClock run={run} />
          <span className="text-sm text-muted">
            ×{run.speed} · of {drillStamp(run.durationSeconds * 1000)} · started{" "}
            <Time value={run.startedAt} relative /> by {run.startedByLabel}
            {run.endedAt ? (
              <>
                {" "}
                · ended <Time value={run.endedAt} relative />
                {run.endReason ? ` (${run.endReason})` : ""}
              </>
            ) : null}
          </span>
          <DrillRunControls run={run} />
        </div>
        {ended ? (
          <Link
            className="inline-block rounded-md border border-line bg-panel-2 px-3 py-1.5 text-sm hover:bg-line"
            href={`/drills/${run.id}/report`}
          >
            Open the drill&rsquo;s after-action report →
          </Link>
        ) : null}
      </header>
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6">
          {/* An ended run carries its final score (stored by the end itself): show that one,
              never a live score fetched while it ran, which would still read "pending". */}
          {ended && run.score ? (
            <DrillScoreView score={run.score} live={false} />
          ) : score.data ? (
            <DrillScoreView score={score.data.score} live={score.data.live} />
          ) : null}
          <ProblemAlert error={score.error} />
          {ended && comparison.data ? <DrillComparisonCharts data={comparison.data} /> : null}
          <Injects run={run} />
          <DrillNotes run={run} />
          <section aria-labelledby="drill-timeline" className="space-y-2">
            <h2 id="drill-timeline" className="text-lg font-semibold">
              Drill timeline
            </h2>
            <DataTable
              head={["Drill time", "Wall time", "Who", "What"]}
              rows={run.entries.map((e) => [
                <span key="t" className="font-mono tabular-nums">
                  {drillStamp(e.elapsedMs)}
                </span>,
                <Time key="w" value={e.at} />,
                e.actorLabel,
                e.summary,
              ])}
            />
          </section>
        </div>
        <Side run={run} />
      </div>
    </div>
  );
}
