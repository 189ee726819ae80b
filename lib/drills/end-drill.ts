import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { stopDrillFleet } from "./drill-fleet.ts";
import { endDrillInTx } from "./end-drill-in-tx.ts";
import { getDrillRun } from "./get-drill-run.ts";
import { lockDrillRunOrThrow } from "./lock-drill-run.ts";

/** POST /drills/:id/end — the facilitator ends the run; an ended run answers 409. */
export async function endDrill(id: string, actor: Actor, db?: Db, now = new Date()) {
  await inTransaction(db, async (tx) => {
    const run = await lockDrillRunOrThrow(tx, id);
    if (run.status === "ended") throw new AppError("conflict", "This drill has already ended.");
    await endDrillInTx(tx, run, actor, "facilitator", now);
  });
  await stopDrillFleet(id);
  return (await getDrillRun(id, { canControl: true }, db))!;
}
