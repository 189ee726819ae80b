import "server-only";
import type { Tx } from "../db/transaction.ts";
import { env } from "../env.ts";
import type { CommandTypeName } from "../protocol/commands.ts";
import { ALWAYS_NEEDS_APPROVAL } from "./config.ts";

/**
 * Does this request need a second person? Destructive types always do. For the rest the
 * host threshold is counted over a window, not per request: every distinct host the same
 * command type already targeted on the same incident (or, with no incident, by the same
 * requester) in the last BREAKWATER_COMMAND_APPROVAL_WINDOW_MINUTES, plus this request's
 * hosts. Otherwise splitting a fleet command into requests at or under the threshold would
 * avoid approval. Rejected requests do not count (nothing was sent).
 *
 * Race-safe: a transaction-scoped advisory lock on (scope, type) is held until commit, so two
 * split requests issued at once are counted one after the other, never both "under".
 */
export async function needsApprovalInWindow(
  tx: Tx,
  q: {
    type: CommandTypeName;
    hostIds: string[];
    incidentId?: string;
    requestedById: string | null;
    now: Date;
  },
): Promise<boolean> {
  if (ALWAYS_NEEDS_APPROVAL.has(q.type)) return true;
  const threshold = env.BREAKWATER_COMMAND_APPROVAL_THRESHOLD;
  if (q.hostIds.length > threshold) return true;
  const scope = q.incidentId
    ? `incident:${q.incidentId}`
    : q.requestedById
      ? `user:${q.requestedById}`
      : null;
  if (!scope) return false;
  await tx.$executeRawUnsafe(
    `SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':approval-window:' || $1, 0))`,
    `${scope}:${q.type}`,
  );
  const since = new Date(q.now.getTime() - env.BREAKWATER_COMMAND_APPROVAL_WINDOW_MINUTES * 60_000);
  const earlier = await tx.command.findMany({
    where: {
      type: q.type,
      createdAt: { gte: since },
      request: {
        ...(q.incidentId
          ? { incidentId: q.incidentId }
          : { requestedById: q.requestedById, incidentId: null }),
        approval: { not: "rejected" },
        reverseOfId: null,
      },
    },
    select: { hostId: true },
    distinct: ["hostId"],
  });
  return new Set([...earlier.map((c) => c.hostId), ...q.hostIds]).size > threshold;
}
