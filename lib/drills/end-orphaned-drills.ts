import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { instanceId } from "../instance-id.ts";
import { logger } from "../log.ts";
import { drillActor } from "./append-drill-timeline.ts";
import { getDrillFleet } from "./drill-fleet.ts";
import { OWNER_LOST_MS } from "./drill-heartbeat.ts";
import { endDrillInTx } from "./end-drill-in-tx.ts";
import { lockDrillRun } from "./lock-drill-run.ts";

type Owner = { ownerInstance: string | null; ownerSeenAt: Date | null };

/** A run is orphaned when no live process holds its fleet: this process does not, and its
 *  owner is this process (whose fleet is gone), unknown, or has stopped beating. */
function orphaned(id: string, o: Owner, now: Date): boolean {
  if (getDrillFleet(id)) return false;
  if (!o.ownerInstance || !o.ownerSeenAt || o.ownerInstance === instanceId()) return true;
  return now.getTime() - o.ownerSeenAt.getTime() > OWNER_LOST_MS;
}

/**
 * At boot and every few seconds (the `drills.orphans` timer): a run still running or paused
 * whose fleet no live instance holds has lost it (the agents' faults and offline states lived
 * in that process's memory). It is ended with reason "server restarted" rather than resumed
 * with hosts that no longer behave as the scenario said; its history and score stay. A run
 * whose owner is another instance that still beats is left alone. Returns the keys it ended.
 */
export async function endOrphanedDrills(db?: Db, now = new Date()): Promise<string[]> {
  const client = db ?? (await getDb());
  const runs = await client.drillRun.findMany({
    where: { status: { in: ["running", "paused"] } },
    select: { id: true, ownerInstance: true, ownerSeenAt: true },
  });
  const ended: string[] = [];
  for (const r of runs) {
    if (!orphaned(r.id, r, now)) continue;
    await inTransaction(client, async (tx) => {
      const run = await lockDrillRun(tx, r.id);
      if (!run || run.status === "ended") return;
      // Under the run's lock: the owner may have beaten since the read above.
      const owner = await tx.drillRun.findUniqueOrThrow({
        where: { id: r.id },
        select: { ownerInstance: true, ownerSeenAt: true },
      });
      if (!orphaned(r.id, owner, now)) return;
      await endDrillInTx(tx, run, drillActor(run.key), "server restarted", now);
      ended.push(run.key);
    });
  }
  if (ended.length) logger.warn("drills ended: no live instance holds their fleet", { ended });
  return ended;
}
