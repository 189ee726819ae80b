import "server-only";
import { getDb } from "../db/index.ts";
import { logger } from "../log.ts";
import { processSingleton } from "../process-singleton.ts";
import { SEAL_BATCH, sealAudit } from "./seal-audit.ts";

// The background sealer: every instance runs one loop; the sealer lock lets one of them seal
// per round and the others skip (never wait), so two instances cannot fork the chain and a
// dead instance only means another one seals next round. A round that is still running is
// never overlapped: the next one is scheduled when it ends.
export const SEAL_INTERVAL_MS = 200;

const loop = processSingleton("auditSealer", () => ({
  timer: null as NodeJS.Timeout | null,
  running: null as Promise<void> | null,
  stopped: true,
  // A round still finishing from a stopped loop must not reschedule itself into a new one.
  generation: 0,
}));

/** Starts this process's sealer loop (a no-op when it runs already). */
export function startAuditSealer(intervalMs = SEAL_INTERVAL_MS) {
  if (!loop.stopped) return;
  loop.stopped = false;
  const generation = ++loop.generation;
  const tick = async () => {
    try {
      const db = await getDb();
      // The idle case is one indexed probe, not a transaction and a lock.
      for (;;) {
        if (loop.stopped || loop.generation !== generation) return;
        const backlog = await db.auditEntry.findFirst({
          where: { seq: null },
          select: { id: true },
        });
        if (!backlog) return;
        const round = await sealAudit(db);
        // A full batch means more is waiting: go on at once instead of a tick later.
        if (round.busy || round.sealed < SEAL_BATCH) return;
      }
    } catch (error) {
      logger.warn("audit seal round failed", { error });
    }
  };
  const schedule = () => {
    if (loop.stopped || loop.generation !== generation) return;
    loop.timer = setTimeout(() => {
      loop.running = tick().finally(() => {
        loop.running = null;
        schedule();
      });
    }, intervalMs);
    loop.timer.unref();
  };
  schedule();
}

/** Stops the loop and waits for a round in flight to commit or roll back (tests, shutdown). */
export async function stopAuditSealer() {
  loop.stopped = true;
  if (loop.timer) clearTimeout(loop.timer);
  loop.timer = null;
  await loop.running;
}
