import "server-only";
import { deliverLocal, publishChanges, subscribeChanges } from "../db/change-feed.ts";
import { getDb } from "../db/index.ts";
import { logger } from "../log.ts";
import { processSingleton } from "../process-singleton.ts";

// Long-poll waiters, in process. A waiting GET /commands holds no database connection: it
// parks a callback here. Issuing a command publishes "host:<id>" on the change feed, which
// wakes the host's waiters here at once and, over the cluster bus (PostgreSQL NOTIFY), on
// every other instance. A single periodic query (one per instance, not one per waiter)
// wakes hosts whose work came due (notBefore), whose lease ran out, or whose wake-up the bus
// lost. Process-wide: a command issued by a timer (instrumentation graph) must wake a
// long-poll parked by a route (another graph).

type Waiter = () => void;
type HostWaiters = { set: Set<Waiter>; unsubscribe: () => void };
const waiters = processSingleton("commandWaiters", () => new Map<string, HostWaiters>());
const recheck = processSingleton("commandRecheck", () => ({
  interval: undefined as NodeJS.Timeout | undefined,
}));

export const RECHECK_MS = 1000;

const polls = processSingleton("commandPollsInFlight", () => new Map<string, number>());

/** Counts a GET /commands of the host while fn runs. A client that hangs up is seen by the
 *  server only when its socket closes; until then the poll may still claim. */
export async function trackPoll<T>(hostId: string, fn: () => Promise<T>): Promise<T> {
  polls.set(hostId, (polls.get(hostId) ?? 0) + 1);
  try {
    return await fn();
  } finally {
    const n = polls.get(hostId)! - 1;
    if (n) polls.set(hostId, n);
    else polls.delete(hostId);
  }
}

/** Whether this instance is still answering a long-poll of the host. */
export const pollInFlight = (hostId: string) => polls.has(hostId);

const hostKey = (hostId: string) => `host:${hostId}`;

/** After the commit that gave these hosts work: wakes their long-polls on every instance. */
export function notifyHosts(hostIds: Iterable<string>) {
  publishChanges([...hostIds].map(hostKey));
}

function wake(hostId: string) {
  const h = waiters.get(hostId);
  if (!h) return;
  waiters.delete(hostId);
  h.unsubscribe();
  for (const w of h.set) w();
}

/** Resolves when work may exist for the host, when `ms` passes, or when `signal` aborts. */
export function waitForWork(hostId: string, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // An agent that hung up before the wait began: its abort fired already, so do not park.
    if (signal?.aborted) return resolve();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", finish);
      const h = waiters.get(hostId);
      h?.set.delete(finish);
      if (h && h.set.size === 0) {
        waiters.delete(hostId);
        h.unsubscribe();
      }
      resolve();
    };
    const timer = setTimeout(finish, ms);
    signal?.addEventListener("abort", finish);
    let h = waiters.get(hostId);
    if (!h) {
      h = { set: new Set(), unsubscribe: subscribeChanges([hostKey(hostId)], () => wake(hostId)) };
      waiters.set(hostId, h);
    }
    h.set.add(finish);
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
      // Only this instance's waiters: every instance runs its own re-check.
      deliverLocal(rows.map((r) => hostKey(r.hostId)));
    } catch (e) {
      logger.warn("command waiter re-check failed", { error: e });
    } finally {
      busy = false;
    }
  }, RECHECK_MS);
  recheck.interval.unref();
}
