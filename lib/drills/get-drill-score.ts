import "server-only";
import { z } from "zod";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { loadScoreInput } from "./load-score-input.ts";
import { scoreDrill } from "./score-drill.ts";
import type { DrillScore } from "./views.ts";

const runId = z.uuid("a drill run id");

/** The score as it stands: the kept one once the run has ended and been scored, otherwise
 *  computed live from the timestamps so far (pending actions not yet due), without writing. */
export async function getDrillScore(
  rawId: unknown,
  db?: Db,
  now = new Date(),
): Promise<{ live: boolean; score: DrillScore }> {
  const id = parseInput(runId, rawId);
  db ??= await getDb();
  const run = await db.drillRun.findUnique({
    where: { id },
    select: { status: true, score: true },
  });
  if (!run) throw new AppError("not_found", "No such drill run.");
  if (run.status === "ended" && run.score)
    return { live: false, score: run.score as unknown as DrillScore };
  return { live: run.status !== "ended", score: scoreDrill(await loadScoreInput(db, id, now)) };
}
