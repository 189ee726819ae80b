"use client";
import { useState } from "react";
import { Bar, BarChart, Line, LineChart, ReferenceLine } from "recharts";
import { ChartFrame } from "@/components/metrics/chart-frame";
import { ChartPanel, DataTable, LINE } from "@/components/metrics/chart-panel";
import { SelectField } from "@/components/ui/input";
import type { DrillComparisonData } from "@/lib/drills/queries";
import { formatDuration, toMinutes } from "@/lib/metrics/format-duration";

const RUN_MARGIN = { top: 8, right: 12, bottom: 0, left: -12 };
const runLabel = (r: DrillComparisonData["runs"][number]) =>
  `${r.key}${r.current ? " (this run)" : ""}${r.sameScenario ? "" : " *"}`;

/** Scores across runs of the scenario, and one expected action's actual time against its
 *  target across runs. A run marked * ran another version of the scenario file. */
export function DrillComparisonCharts({ data }: { data: DrillComparisonData }) {
  const [target, setTarget] = useState(data.targets[0]?.id ?? "");
  const t = data.targets.find((x) => x.id === target) ?? data.targets[0];
  const scores = data.runs.map((r) => ({ run: runLabel(r), score: r.overall }));
  const times = data.runs.map((r) => ({
    run: runLabel(r),
    minutes: toMinutes(r.actions[t?.id ?? ""]?.actualSeconds ?? null),
    outcome: r.actions[t?.id ?? ""]?.outcome ?? "missed",
  }));
  const edited = data.runs.some((r) => !r.sameScenario);
  const empty = data.runs.length ? false : "No scored run of this scenario yet.";
  return (
    <section aria-labelledby="drill-comparison" className="space-y-3">
      <h2 id="drill-comparison" className="text-lg font-semibold">
        Compared with earlier runs
      </h2>
      {edited ? (
        <p className="text-xs text-muted">
          * ran a different version of the scenario file: not like for like.
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartPanel
          id="drill-scores"
          title="Overall score per run"
          description="0–100, oldest run first."
          empty={empty}
          table={<DataTable head={["Run", "Score"]} rows={scores.map((s) => [s.run, s.score])} />}
        >
          <ChartFrame
            chart={LineChart}
            data={scores}
            margin={RUN_MARGIN}
            x={{ dataKey: "run" }}
            y={{ domain: [0, 100] }}
          >
            <Line
              {...LINE}
              dataKey="score"
              name="Score"
              stroke="var(--color-drill)"
              dot={{ r: 4 }}
            />
          </ChartFrame>
        </ChartPanel>
        <ChartPanel
          id="drill-target"
          title={t ? `${t.label}: actual vs target` : "Actual vs target"}
          description={
            t
              ? `Minutes of drill time per run; the dashed line is the target (${formatDuration(t.within)}). No bar: it never happened.`
              : "No expected actions."
          }
          empty={empty}
          table={
            <DataTable
              head={["Run", "Actual", "Target", "Outcome"]}
              rows={times.map((x) => [
                x.run,
                x.minutes === null ? "—" : `${x.minutes} min`,
                t ? formatDuration(t.within) : "—",
                x.outcome,
              ])}
            />
          }
        >
          <ChartFrame
            chart={BarChart}
            data={times}
            margin={RUN_MARGIN}
            x={{ dataKey: "run" }}
            y={{ unit: " m" }}
          >
            <Bar
              dataKey="minutes"
              name="Actual (min)"
              fill="var(--color-accent)"
              isAnimationActive={false}
            />
            {t ? (
              <ReferenceLine
                y={toMinutes(t.within) ?? 0}
                stroke="var(--color-warn)"
                strokeDasharray="6 3"
                label={{ value: "target", fill: "var(--color-warn)", fontSize: 11 }}
              />
            ) : null}
          </ChartFrame>
        </ChartPanel>
      </div>
      {data.targets.length > 1 ? (
        <SelectField
          id="drill-target-pick"
          label="Expected action shown"
          className="max-w-sm print:hidden"
          value={t?.id}
          onChange={(e) => setTarget(e.target.value)}
        >
          {data.targets.map((x) => (
            <option key={x.id} value={x.id}>
              {x.label}
            </option>
          ))}
        </SelectField>
      ) : null}
    </section>
  );
}
