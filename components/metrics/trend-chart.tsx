"use client";
import { useState } from "react";
import { Line, LineChart } from "recharts";
import { formatDuration, toMinutes } from "@/lib/metrics/format-duration";
import type { MetricsDashboardView } from "@/lib/metrics/queries";
import { ChartFrame } from "./chart-frame";
import { ChartPanel, DataTable, LINE } from "./chart-panel";
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
      <ChartFrame
        chart={LineChart}
        data={data}
        height="85%"
        margin={{ top: 4, right: 8, bottom: 0, left: -8 }}
        x={{ dataKey: "week" }}
        y={{ unit: " m" }}
        tooltip={{ formatter: (v) => `${v} min` }}
        legend
      >
        <Line
          {...LINE}
          dataKey="p50"
          name="p50"
          stroke="var(--color-accent)"
          dot={{ r: 3 }}
          connectNulls
        />
        <Line
          {...LINE}
          dataKey="p90"
          name="p90"
          stroke="var(--color-warn)"
          strokeDasharray="6 4"
          dot={{ r: 3, strokeDasharray: "" }}
          connectNulls
        />
      </ChartFrame>
    </ChartPanel>
  );
}
