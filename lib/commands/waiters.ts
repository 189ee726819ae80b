import "server-only";
import { getDb } from "../db/index.ts";
import { logger } from "../log.ts";
import { processSingleton } from "../process-singleton.ts";

// Long-poll waiters, in process. A waiting GET /commands holds no database connection: it
// parks a callback here. Issuing a command wakes its host's waiters at once; a single
// periodic query (one per instance, not one per waiter) wakes hosts whose work was queued by
// another instance, came due, or whose lease ran out. Process-wide: a command issued by a
// timer (instrumentation graph) must wake a long-poll parked by a route (another graph).

type Waiter = () => void;
const waiters = processSingleton("commandWaiters", () => new Map<string, Set<Waiter>>());
const recheck = processSingleton("commandRecheck", () => ({
  interval: undefined as NodeJS.Timeout | undefined,
}));

export const RECHECK_MS = 1000;

export function notifyHosts(hostIds: Iterable<string>) {
  for (const id of hostIds) {
    const set = waiters.get(id);
    if (!set) continue;
    waiters.delete(id);
    for (const w of set) w();
  }
}

/** Resolves when work may exist for the host, when `ms` passes, or when `signal` aborts. */
export function waitForWork(hostId: string, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", finish);
      const set = waiters.get(hostId);
      set?.delete(finish);
      if (set && set.size === 0) waiters.delete(hostId);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    signal?.addEventListener("abort", finish);
    let set = waiters.get(hostId);
    if (!set) waiters.set(hostId, (set = new Set()));
    set.add(finish);
    ensureRecheck();
  });
}

export const waitingHostCount = () => waiters.size;

function ensureRecheck() {
  if (recheck.interval) return;
  let busy = false;
  recheck.interval = setInterval(async () => {
    if (busy) return;
    if (waiters.size === 0) {
      clearInterval(recheck.interval);
      recheck.interval = undefined;
      return;
    }
    busy = true;
    try {
      const db = await getDb();
      const hostIds = [...waiters.keys()];
      const now = new Date();
      const rows = await db.$queryRaw<{ hostId: string }[]>`
        SELECT DISTINCT "hostId" FROM "Command"
        WHERE "hostId" = ANY(${hostIds})
          AND "expiresAt" > ${now}
          AND (("status" = 'queued' AND "notBefore" <= ${now}) OR ("status" = 'delivered' AND "leaseUntil" <= ${now}))`;
      notifyHosts(rows.map((r) => r.hostId));
    } catch (e) {
      logger.warn("command waiter re-check failed", { error: e });
    } finally {
      busy = false;
    }
  }, RECHECK_MS);
  recheck.interval.unref();
}
