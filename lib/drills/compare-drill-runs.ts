import "server-only";
import { z } from "zod";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { expectedActionSchema } from "./scenario-schema.ts";
import type { DrillScore } from "./views.ts";

const runId = z.uuid("a drill run id");
const frozen = z.object({ expected: z.array(expectedActionSchema) });
/** Enough runs for a trend; older ones are in the list of runs. */
const MAX_RUNS = 30;

export type DrillComparison = Awaited<ReturnType<typeof compareDrillRuns>>;

/** This run beside the earlier (and later) scored runs of the same scenario slug: the overall
 *  score per run, and per expected action of this run's scenario, each run's actual time
 *  against the target. Runs of a different scenario file (another hash) are marked, since an
 *  edited scenario does not compare like for like. */
export async function compareDrillRuns(rawId: unknown, db?: Db) {
  const id = parseInput(runId, rawId);
  db ??= await getDb();
  const run = await db.drillRun.findUnique({
    where: { id },
    select: { scenarioSlug: true, scenarioHash: true, scenario: true },
  });
  if (!run) throw new AppError("not_found", "No such drill run.");
  const expected = frozen.parse(run.scenario).expected;
  const rows = await db.drillRun.findMany({
    where: { scenarioSlug: run.scenarioSlug, status: "ended", scoredAt: { not: null } },
    orderBy: { startedAt: "desc" },
    take: MAX_RUNS,
    select: { id: true, key: true, startedAt: true, scenarioHash: true, score: true },
  });
  const runs = rows.reverse().map((r) => {
    const score = r.score as unknown as DrillScore;
    const byId = new Map(score.actions.map((a) => [a.id, a]));
    return {
      id: r.id,
      key: r.key,
      startedAt: r.startedAt,
      current: r.id === id,
      sameScenario: r.scenarioHash === run.scenarioHash,
      overall: score.overall,
      actions: Object.fromEntries(
        expected.map((e) => {
          const a = byId.get(e.id);
          return [
            e.id,
            { actualSeconds: a?.actualSeconds ?? null, outcome: a?.outcome ?? "missed" },
          ];
        }),
      ),
    };
  });
  return {
    scenarioSlug: run.scenarioSlug,
    targets: expected.map((e) => ({ id: e.id, label: e.label, role: e.role, within: e.within })),
    runs,
  };
}
