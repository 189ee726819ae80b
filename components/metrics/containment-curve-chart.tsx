"use client";
import { Area, AreaChart } from "recharts";
import type { MetricsDashboardView } from "@/lib/metrics/queries";
import { ChartFrame } from "./chart-frame";
import { ChartPanel, DataTable } from "./chart-panel";

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Share of affected hosts whose containment command succeeded, against minutes since the
 *  incident opened: what a fleet revoke looks like. */
export function ContainmentCurveChart({
  curve,
  title = "Containment curve",
}: {
  curve: MetricsDashboardView["curve"];
  title?: string;
}) {
  const data = curve.points.map((p) => ({
    minute: p.minute,
    share: Math.round(p.share * 1000) / 10,
    contained: p.contained,
  }));
  return (
    <ChartPanel
      id="curve"
      title={title}
      description={`Hosts contained (succeeded receipt) by minutes since opening — ${curve.contained} of ${curve.hosts} affected hosts.`}
      empty={curve.hosts === 0 ? "No affected hosts in this selection." : false}
      table={
        <DataTable
          head={["Minute", "Hosts contained", "Share"]}
          rows={curve.points.map((p) => [
            p.minute,
            `${p.contained} of ${curve.hosts}`,
            pct(p.share),
          ])}
        />
      }
    >
      <ChartFrame
        chart={AreaChart}
        data={data}
        margin={{ top: 4, right: 8, bottom: 0, left: -8 }}
        x={{ dataKey: "minute", type: "number", domain: [0, "dataMax"], unit: " m" }}
        y={{ domain: [0, 100], unit: "%" }}
        tooltip={{
          labelFormatter: (m) => `${m} min after opening`,
          formatter: (v) => `${v}% of hosts`,
        }}
      >
        <Area
          type="stepAfter"
          dataKey="share"
          name="contained"
          stroke="var(--color-ok)"
          fill="var(--color-ok)"
          fillOpacity={0.25}
          strokeWidth={2}
          isAnimationActive={false}
        />
      </ChartFrame>
    </ChartPanel>
  );
}
