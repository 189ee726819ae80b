"use client";
import Link from "next/link";
import { Badge, Card, PageHeader, Table } from "@/components/ui/card";
import { ProblemAlert } from "@/components/ui/problem-alert";
import { Time } from "@/components/ui/time";
import { drillStamp } from "@/lib/drills/drill-stamp";
import { useDrillRuns, useScenarios } from "@/lib/drills/queries";
import type { DrillRunSummary, DrillStatusName } from "@/lib/drills/views";
import { formatDuration } from "@/lib/metrics/format-duration";
import { type DrillPerson, StartDrillDialog } from "./start-drill-dialog";

const STATUS_TONE: Record<DrillStatusName, "ok" | "warn" | "neutral"> = {
  running: "ok",
  paused: "warn",
  ended: "neutral",
};

export function DrillStatusBadge({ status }: { status: DrillStatusName }) {
  return (
    <Badge tone={STATUS_TONE[status]}>
      {status === "running" ? "● " : status === "paused" ? "❚❚ " : "■ "}
      {status}
    </Badge>
  );
}

function RunsTable({ runs }: { runs: DrillRunSummary[] }) {
  if (!runs.length) return <p className="text-sm text-muted">No drill has been run yet.</p>;
  return (
    <Table head={["Run", "Scenario", "Status", "Drill time", "Started", "By", "Score"]}>
      {runs.map((r) => (
        <tr key={r.id} data-testid={`drill-run-${r.key}`}>
          <td className="font-mono">
            <Link className="text-accent hover:underline" href={`/drills/${r.id}`}>
              {r.key}
            </Link>
          </td>
          <td>{r.scenarioTitle}</td>
          <td>
            <DrillStatusBadge status={r.status} />
          </td>
          <td className="font-mono tabular-nums">
            {drillStamp(r.elapsedMs)} ×{r.speed}
          </td>
          <td>
            <Time value={r.startedAt} relative />
          </td>
          <td>{r.startedByLabel}</td>
          <td className="tabular-nums">
            {r.overallScore === null ? "—" : `${r.overallScore} / 100`}
          </td>
        </tr>
      ))}
    </Table>
  );
}

/** Scenarios to rehearse (and start, for leads) and every run so far. */
export function DrillsView({ canRun, people }: { canRun: boolean; people: DrillPerson[] }) {
  const scenarios = useScenarios();
  const runs = useDrillRuns();
  return (
    <div className="space-y-8">
      <PageHeader
        title="Drills"
        description="Tabletop drills: scripted injects through the real pipeline against a simulated fleet, scored in drill time."
      />
      <section aria-labelledby="drill-runs" className="space-y-2">
        <h2 id="drill-runs" className="text-lg font-semibold">
          Runs
        </h2>
        <ProblemAlert error={runs.error} />
        {runs.data ? <RunsTable runs={runs.data} /> : <p className="text-muted">Loading…</p>}
      </section>
      <section aria-labelledby="drill-scenarios" className="space-y-3">
        <h2 id="drill-scenarios" className="text-lg font-semibold">
          Scenarios
        </h2>
        <ProblemAlert error={scenarios.error} />
        <div className="grid gap-4 lg:grid-cols-2">
          {scenarios.data?.map((s) => (
            <Card key={s.slug} className="space-y-3" data-testid={`scenario-${s.slug}`}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <h3 className="font-semibold">{s.title}</h3>
                  <p className="text-xs text-muted">
                    {s.slug} · playbook {s.playbook} · {formatDuration(s.durationSeconds)} ·{" "}
                    {s.fleetHosts} simulated hosts · {s.injectCount} injects
                  </p>
                </div>
                {canRun ? <StartDrillDialog scenario={s} people={people} /> : null}
              </div>
              {s.description ? <p className="text-sm">{s.description}</p> : null}
              <div>
                <h4 className="text-xs font-semibold uppercase text-muted">Objectives</h4>
                <ul className="list-disc pl-5 text-sm">
                  {s.objectives.map((o) => (
                    <li key={o}>{o}</li>
                  ))}
                </ul>
              </div>
              <div>
                <h4 className="text-xs font-semibold uppercase text-muted">Roles</h4>
                <ul className="text-sm">
                  {s.roles.map((r) => (
                    <li key={r.key}>
                      <span className="font-medium">{r.key}</span>
                      {r.brief ? <span className="text-muted"> — {r.brief}</span> : null}
                    </li>
                  ))}
                </ul>
              </div>
              <div>
                <h4 className="text-xs font-semibold uppercase text-muted">Expected actions</h4>
                <ul className="text-sm">
                  {s.expected.map((e) => (
                    <li key={e.id}>
                      {e.label}{" "}
                      <span className="text-muted">
                        ({e.role}, within {formatDuration(e.within)})
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            </Card>
          ))}
        </div>
      </section>
    </div>
  );
}
