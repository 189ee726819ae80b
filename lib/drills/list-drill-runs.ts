import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { parseInput } from "../errors/parse-input.ts";
import { drillSummarySelect, toDrillRunSummary } from "./drill-run-view.ts";
import { listDrillsInput } from "./schemas.ts";
import type { DrillRunSummary } from "./views.ts";

/** GET /drills — newest first; `?scenario=slug` keeps one scenario's runs (for comparison). */
export async function listDrillRuns(raw: unknown, db?: Db): Promise<DrillRunSummary[]> {
  const input = parseInput(listDrillsInput, raw);
  const client = db ?? (await getDb());
  const rows = await client.drillRun.findMany({
    where: input.scenario ? { scenarioSlug: input.scenario } : {},
    select: drillSummarySelect,
    orderBy: [{ startedAt: "desc" }, { key: "desc" }],
    take: 200,
  });
  return rows.map((r) => toDrillRunSummary(r));
}
