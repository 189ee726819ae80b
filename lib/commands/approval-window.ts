import "server-only";
import type { Tx } from "../db/transaction.ts";
import { env } from "../env.ts";
import { Prisma } from "../generated/prisma/client.ts";
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
  const scopeSql = q.incidentId
    ? Prisma.sql`r."incidentId" = ${q.incidentId}`
    : Prisma.sql`r."requestedById" = ${q.requestedById} AND r."incidentId" IS NULL`;
  // Counted in the database: returning every earlier host to be deduplicated here cost a row
  // per command already sent in the window, under the lock above, for every new request (a
  // requester sending 5,000 single-host commands made issuing quadratic and serial).
  const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT c."hostId" FROM "Command" c JOIN "CommandRequest" r ON r."id" = c."requestId"
      WHERE c."type"::text = ${q.type} AND c."createdAt" >= ${since}
        AND r."approval"::text <> 'rejected' AND r."reverseOfId" IS NULL AND ${scopeSql}
      UNION
      SELECT unnest(${q.hostIds}::text[])
    ) hosts`;
  return n > threshold;
}
