import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { type CommandOutcomes, getCommandOutcomes } from "./command-outcomes.ts";
import { type ContainmentCurve, getContainmentCurve } from "./containment-curve.ts";
import { type IncidentMetricsRow, listIncidentMetrics } from "./list-incident-metrics.ts";
import { getOpenIncidentsByAge, type OpenByAge } from "./open-incidents-by-age.ts";
import { type MetricsFilter, metricsQuery, previousPeriod } from "./schemas.ts";
import { delta, type Summary, summarize } from "./stats.ts";
import { getStepSlas, type StepSla } from "./step-slas.ts";
import { weekStart, weekStarts } from "./weeks.ts";

export const FIGURES = ["mttd", "mtta", "mttc", "mttr"] as const;
export type Figure = (typeof FIGURES)[number];
const FIELD: Record<Figure, keyof IncidentMetricsRow> = {
  mttd: "mttdSeconds",
  mtta: "mttaSeconds",
  mttc: "mttcSeconds",
  mttr: "mttrSeconds",
};

export type Card = {
  figure: Figure;
  now: Summary;
  before: Summary;
  change: { seconds: number | null; ratio: number | null };
};
export type TrendWeek = { week: string; incidents: number } & Record<
  `${Figure}P50` | `${Figure}P90`,
  number | null
>;

export type MetricsDashboard = {
  filter: { from: Date; to: Date; tz: string; drills: MetricsFilter["drills"] };
  incidents: number;
  reopened: number;
  containmentByTransition: number;
  cards: Card[];
  trend: TrendWeek[];
  curve: ContainmentCurve;
  slas: StepSla[];
  openByAge: OpenByAge;
  topPlugins: { plugin: string; incidents: number }[];
  outcomes: CommandOutcomes;
};

export function summarizeRows(rows: IncidentMetricsRow[]): Record<Figure, Summary> {
  return Object.fromEntries(
    FIGURES.map((k) => [k, summarize(rows.map((r) => r[FIELD[k]] as number | null))]),
  ) as Record<Figure, Summary>;
}

export function weeklyTrend(
  rows: IncidentMetricsRow[],
  f: Pick<MetricsFilter, "from" | "to" | "tz">,
): TrendWeek[] {
  const byWeek = new Map<string, IncidentMetricsRow[]>(
    weekStarts(f.from, f.to, f.tz).map((w) => [w, []]),
  );
  for (const r of rows) byWeek.get(weekStart(r.openedAt, f.tz))?.push(r);
  return [...byWeek].map(([week, rs]) => {
    const s = summarizeRows(rs);
    const out = { week, incidents: rs.length } as TrendWeek;
    for (const k of FIGURES) {
      out[`${k}P50`] = s[k].p50;
      out[`${k}P90`] = s[k].p90;
    }
    return out;
  });
}

/** Everything the metrics page shows, for one filter. */
export async function getMetricsDashboard(
  raw: unknown,
  db?: Db,
  now = new Date(),
): Promise<MetricsDashboard> {
  const f = metricsQuery.parse(raw);
  db ??= await getDb();
  // Independent reads: on PostgreSQL each takes its own pool connection, so the page waits for
  // the slowest query, not the sum (PGlite runs them one after another either way).
  const [rows, before, curve, slas, openByAge, outcomes] = await Promise.all([
    listIncidentMetrics(f, db),
    listIncidentMetrics(previousPeriod(f), db),
    getContainmentCurve(f, db),
    getStepSlas(f, db),
    getOpenIncidentsByAge(f, now, db),
    getCommandOutcomes(f, db),
  ]);
  const s = summarizeRows(rows);
  const b = summarizeRows(before);
  const plugins = new Map<string, number>();
  for (const r of rows)
    if (r.pluginName) plugins.set(r.pluginName, (plugins.get(r.pluginName) ?? 0) + 1);
  return {
    filter: { from: f.from, to: f.to, tz: f.tz, drills: f.drills },
    incidents: rows.length,
    reopened: rows.filter((r) => r.reopenCount > 0).length,
    containmentByTransition: rows.filter((r) => r.containmentBasis === "transition").length,
    cards: FIGURES.map((figure) => ({
      figure,
      now: s[figure],
      before: b[figure],
      change: delta(s[figure], b[figure]),
    })),
    trend: weeklyTrend(rows, f),
    curve,
    slas,
    openByAge,
    topPlugins: [...plugins]
      .map(([plugin, incidents]) => ({ plugin, incidents }))
      .sort((x, y) => y.incidents - x.incidents || x.plugin.localeCompare(y.plugin))
      .slice(0, 10),
    outcomes,
  };
}
