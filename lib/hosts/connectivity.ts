import type { Connectivity } from "./schemas.ts";

export type Thresholds = { staleSeconds: number; offlineSeconds: number };

/** Online until the stale threshold passes without a call, stale until the offline one,
 *  offline after. Derived from lastSeenAt at read time so it never needs a sweeper job. */
export function connectivityOf(lastSeenAt: Date, now: Date, t: Thresholds): Connectivity {
  const age = (now.getTime() - lastSeenAt.getTime()) / 1000;
  if (age < t.staleSeconds) return "online";
  if (age < t.offlineSeconds) return "stale";
  return "offline";
}

/** The lastSeenAt range that yields a connectivity, for filtering in SQL on the index. */
export function lastSeenRange(
  c: Connectivity,
  now: Date,
  t: Thresholds,
): { gt?: Date; lte?: Date } {
  const stale = new Date(now.getTime() - t.staleSeconds * 1000);
  const offline = new Date(now.getTime() - t.offlineSeconds * 1000);
  if (c === "online") return { gt: stale };
  if (c === "stale") return { gt: offline, lte: stale };
  return { lte: offline };
}
