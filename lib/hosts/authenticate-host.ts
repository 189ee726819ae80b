import "server-only";
import { agentRead } from "../db/agent-read-gate.ts";
import { type Db, getDb } from "../db/index.ts";
import { hashToken } from "./tokens.ts";

/** `drillRunId`: the drill this simulated host belongs to (its events open that drill's incidents). */
export type AgentHost = {
  id: string;
  hostname: string;
  simulated: boolean;
  drillRunId: string | null;
};

/** The active host a bearer token belongs to, or null (unknown or revoked). Stamps lastSeenAt
 *  and, on the token's first use, credentialUsedAt in the same statement: one round trip on
 *  every agent request. */
export async function findHostByToken(token: string, db?: Db): Promise<AgentHost | null> {
  db ??= await getDb();
  // lastSeenAt is kept to the nearest 5 s: an agent sending many batches a second
  // would otherwise pay a row write and a commit flush on every request (measured on ingest).
  const rows = await agentRead(
    () => db.$queryRaw<AgentHost[]>`
    WITH h AS (
      SELECT "id", "hostname", "simulated", "drillRunId", "lastSeenAt", "credentialUsedAt" FROM "Host"
      WHERE "tokenHash" = ${hashToken(token)} AND "status" = 'active'
    ), touched AS (
      -- The first use is always written: from then on the enrolment cannot be replayed.
      UPDATE "Host" SET "lastSeenAt" = now(), "credentialUsedAt" = COALESCE("Host"."credentialUsedAt", now()) FROM h
      WHERE "Host"."id" = h."id" AND (h."lastSeenAt" < now() - interval '5 seconds' OR h."credentialUsedAt" IS NULL)
    )
    SELECT "id", "hostname", "simulated", "drillRunId" FROM h`,
  );
  return rows[0] ?? null;
}
