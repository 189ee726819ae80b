import "server-only";
import { systemActor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Tx } from "../db/transaction.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { loadScoreInput } from "./load-score-input.ts";
import { scoreDrill } from "./score-drill.ts";
import type { DrillScore } from "./views.ts";

/** Scores a run and keeps the score on it. The engine calls this inside the transaction that
 *  ends the run, so the score is written with the end and its audit entry, or not at all. */
export async function scoreDrillRun(tx: Tx, runId: string, now = new Date()): Promise<DrillScore> {
  const score = scoreDrill(await loadScoreInput(tx, runId, now));
  await tx.drillRun.update({
    where: { id: runId },
    data: { score: score as unknown as Prisma.InputJsonValue, scoredAt: now },
  });
  await appendAudit(tx, {
    actor: systemActor("drill scoring"),
    action: "drill.scored",
    target: { type: "drill_run", id: runId },
    details: {
      overall: score.overall,
      onTime: score.actions.filter((a) => a.outcome === "on_time").length,
      late: score.actions.filter((a) => a.outcome === "late").length,
      missed: score.actions.filter((a) => a.outcome === "missed").length,
    },
  });
  return score;
}
