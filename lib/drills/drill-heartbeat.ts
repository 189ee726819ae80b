import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { instanceId } from "../instance-id.ts";
import { logger } from "../log.ts";
import { processSingleton } from "../process-singleton.ts";
import { runningFleetIds } from "./drill-fleet.ts";

// The owner of a run says every few seconds that its fleet is still alive. Three missed beats
// (plus slack for a busy event loop) and any instance ends the run (end-orphaned-drills.ts).
export const OWNER_BEAT_MS = 5_000;
export const OWNER_LOST_MS = 3 * OWNER_BEAT_MS + 5_000;

/** Marks the runs whose fleet this process holds as seen now. Returns how many. */
export async function beatDrillOwnership(db?: Db, now = new Date()): Promise<number> {
  const ids = runningFleetIds();
  if (ids.length === 0) return 0;
  const client = db ?? (await getDb());
  const { count } = await client.drillRun.updateMany({
    where: { id: { in: ids }, ownerInstance: instanceId(), status: { in: ["running", "paused"] } },
    data: { ownerSeenAt: now },
  });
  return count;
}

const beat = processSingleton("drillHeartbeat", () => ({
  interval: null as NodeJS.Timeout | null,
}));

export function startDrillHeartbeat(intervalMs = OWNER_BEAT_MS) {
  if (beat.interval) return;
  beat.interval = setInterval(() => {
    beatDrillOwnership().catch((error) => logger.warn("drill heartbeat failed", { error }));
  }, intervalMs);
  beat.interval.unref();
}
