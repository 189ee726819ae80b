"use client";
import type * as React from "react";
import {
  type AreaChart,
  type BarChart,
  CartesianGrid,
  Legend,
  type LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { AXIS, GRID, Patterns, TOOLTIP } from "./chart-panel";

type Margin = { top: number; right: number; bottom: number; left: number };

/** The plot inside a ChartPanel: a Recharts `chart` (BarChart, LineChart, AreaChart) filling
 *  the panel, with the grid, both axes and the tooltip in the theme's colours; the series are
 *  the children. `x` and `y` are the axes' own props, `patterns` adds the hatched fills
 *  (Patterns), `legend` the series' names under the plot. */
export function ChartFrame<Row>({
  chart: Chart,
  data,
  margin,
  layout,
  height = "100%",
  x,
  y,
  tooltip,
  patterns = false,
  legend = false,
  children,
}: {
  chart: typeof BarChart | typeof LineChart | typeof AreaChart;
  data: Row[];
  margin: Margin;
  layout?: "horizontal" | "vertical";
  height?: `${number}%`;
  x?: React.ComponentProps<typeof XAxis>;
  y?: React.ComponentProps<typeof YAxis>;
  tooltip?: Pick<React.ComponentProps<typeof Tooltip>, "formatter" | "labelFormatter">;
  patterns?: boolean;
  legend?: boolean;
  children: React.ReactNode;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <Chart data={data} layout={layout} margin={margin}>
        {patterns ? <Patterns /> : null}
        <CartesianGrid {...GRID} />
        <XAxis {...x} {...AXIS} />
        <YAxis {...y} {...AXIS} />
        <Tooltip {...TOOLTIP} {...tooltip} />
        {legend ? <Legend wrapperStyle={{ fontSize: 11 }} /> : null}
        {children}
      </Chart>
    </ResponsiveContainer>
  );
}

/** ChartFrame's props for bars that run left to right, one per `category` of the rows down
 *  the side in a column `width` pixels wide. */
export const across = (category: string, width: number) =>
  ({
    layout: "vertical",
    margin: { top: 4, right: 8, bottom: 0, left: 8 },
    x: { type: "number", allowDecimals: false },
    y: { type: "category", dataKey: category, width },
  }) as const;
