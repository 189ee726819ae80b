"use client";
import { useState } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDuration, toMinutes } from "@/lib/metrics/format-duration";
import type { MetricsDashboardView } from "@/lib/metrics/queries";
import { AXIS, ChartPanel, DataTable, GRID, TOOLTIP } from "./chart-panel";
import { FIGURE_LABEL } from "./figure-cards";

type Figure = "mttd" | "mtta" | "mttc" | "mttr";

/** Weekly p50 and p90 of one figure; weeks start Monday in the viewer's zone. */
export function TrendChart({ trend, tz }: { trend: MetricsDashboardView["trend"]; tz: string }) {
  const [figure, setFigure] = useState<Figure>("mttc");
  const data = trend.map((w) => ({
    week: w.week,
    incidents: w.incidents,
    p50: toMinutes(w[`${figure}P50`]),
    p90: toMinutes(w[`${figure}P90`]),
  }));
  return (
    <ChartPanel
      id="trend"
      title={`Weekly trend — ${FIGURE_LABEL[figure].short}`}
      description={`p50 (solid) and p90 (dashed) in minutes, per week starting Monday (${tz}).`}
      empty={trend.every((w) => w.incidents === 0) ? "No incidents in this range." : false}
      table={
        <DataTable
          head={["Week of", "Incidents", "p50", "p90"]}
          rows={trend.map((w) => [
            w.week,
            w.incidents,
            formatDuration(w[`${figure}P50`]),
            formatDuration(w[`${figure}P90`]),
          ])}
        />
      }
    >
      <div className="mb-1 flex gap-1" role="radiogroup" aria-label="Figure shown in the trend">
        {(["mttd", "mtta", "mttc", "mttr"] as const).map((f) => (
          <button
            key={f}
            type="button"
            role="radio"
            aria-checked={figure === f}
            onClick={() => setFigure(f)}
            className={`rounded px-2 py-0.5 text-xs ${figure === f ? "bg-accent text-white" : "text-muted hover:bg-panel-2"}`}
          >
            {FIGURE_LABEL[f].short}
          </button>
        ))}
      </div>
      <ResponsiveContainer width="100%" height="85%">
        <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid {...GRID} />
          <XAxis dataKey="week" {...AXIS} />
          <YAxis {...AXIS} unit=" m" />
          <Tooltip {...TOOLTIP} formatter={(v) => `${v} min`} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Line
            type="monotone"
            dataKey="p50"
            name="p50"
            stroke="var(--color-accent)"
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="p90"
            name="p90"
            stroke="var(--color-warn)"
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={{ r: 3, strokeDasharray: "" }}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}
