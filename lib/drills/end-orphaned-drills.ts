import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { logger } from "../log.ts";
import { drillActor } from "./append-drill-timeline.ts";
import { getDrillFleet } from "./drill-fleet.ts";
import { endDrillInTx } from "./end-drill-in-tx.ts";
import { lockDrillRun } from "./lock-drill-run.ts";

/**
 * At boot: a run still running or paused has lost its fleet with the previous process (the
 * agents' faults and offline states lived in memory). It is ended with reason "server
 * restarted" rather than resumed with hosts that no longer behave as the scenario said;
 * the run's history and score stay. Returns the keys it ended.
 */
export async function endOrphanedDrills(db?: Db, now = new Date()): Promise<string[]> {
  const client = db ?? (await getDb());
  const runs = await client.drillRun.findMany({
    where: { status: { in: ["running", "paused"] } },
    select: { id: true },
  });
  const ended: string[] = [];
  for (const { id } of runs) {
    if (getDrillFleet(id)) continue;
    await inTransaction(client, async (tx) => {
      const run = await lockDrillRun(tx, id);
      if (!run || run.status === "ended") return;
      await endDrillInTx(tx, run, drillActor(run.key), "server restarted", now);
      ended.push(run.key);
    });
  }
  if (ended.length) logger.warn("drills ended: their fleet did not survive the restart", { ended });
  return ended;
}
