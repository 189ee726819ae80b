import "server-only";
import { actorOfHost } from "../audit/actor.ts";
import { agentRead } from "../db/agent-read-gate.ts";
import { groupCommit } from "../db/group-commit.ts";
import { getDb } from "../db/index.ts";
import { parseInput } from "../errors/parse-input.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Envelope } from "../protocol/commands.ts";
import { LEASE_SECONDS } from "../protocol/commands.ts";
import { pollQuery } from "./schemas.ts";
import { recordCommandEvent, transitionCommandsSql } from "./transition-command.ts";
import { trackPoll, waitForWork } from "./waiters.ts";

const MAX_PER_POLL = 50;

type Claimed = {
  id: string;
  payload: Envelope["payload"];
  kid: string;
  signature: string;
  deliveryCount: number;
  incidentId: string | null;
  type: string;
  requestId: string;
};

/**
 * Leases the host's deliverable commands: queued ones inside their validity window, and
 * delivered ones whose lease ran out without a receipt (redelivery — at-least-once; the
 * agent's executed-id memory makes the effect exactly-once). SKIP LOCKED lets two polls of
 * the same host, even on two instances, never hand out the same lease twice.
 */
export async function claimCommands(
  host: { id: string; hostname: string },
  now = new Date(),
): Promise<Envelope[]> {
  const actor = actorOfHost(host);
  const lease = new Date(now.getTime() + LEASE_SECONDS * 1000);
  const db = await getDb();
  // Most polls find nothing: one indexed read, no transaction, before claiming anything.
  const any = await agentRead(
    () => db.$queryRaw<{ n: number }[]>`
      SELECT 1 AS n FROM "Command" WHERE "hostId" = ${host.id} AND "expiresAt" > ${now}
        AND (("status" = 'queued' AND "notBefore" <= ${now}) OR ("status" = 'delivered' AND "leaseUntil" <= ${now})) LIMIT 1`,
  );
  if (any.length === 0) return [];
  // A command issued to many hosts wakes their polls together: the claims share a transaction.
  return groupCommit(async (tx) => {
    // queued → delivered, or a lapsed lease re-entering delivered (REENTERABLE).
    const rows = await transitionCommandsSql<Claimed>(tx, {
      to: "delivered",
      at: now,
      set: Prisma.sql`"leaseUntil" = ${lease}, "deliveryCount" = c."deliveryCount" + 1`,
      where: Prisma.sql`c."id" IN (
          SELECT "id" FROM "Command"
          WHERE "hostId" = ${host.id} AND "expiresAt" > ${now}
            AND (("status" = 'queued' AND "notBefore" <= ${now}) OR ("status" = 'delivered' AND "leaseUntil" <= ${now}))
          ORDER BY "createdAt" LIMIT ${MAX_PER_POLL}
          FOR UPDATE SKIP LOCKED)`,
      returning: Prisma.sql`c."id", c."payload", c."kid", c."signature", c."deliveryCount", c."incidentId", c."type"::text AS "type", c."requestId"`,
    });
    for (const r of rows) {
      const first = r.deliveryCount === 1;
      await recordCommandEvent(tx, {
        commandId: r.id,
        incidentId: r.incidentId,
        hostId: host.id,
        type: r.type,
        requestId: r.requestId,
        action: first ? "command.delivered" : "command.redelivered",
        actor,
        at: now,
        summary: first
          ? `${r.type} delivered to ${host.hostname}`
          : `${r.type} redelivered to ${host.hostname} (no receipt within the ${LEASE_SECONDS}s lease; delivery ${r.deliveryCount})`,
        details: { deliveryCount: r.deliveryCount, leaseUntil: lease.toISOString() },
      });
    }
    return rows.map((r) => ({ payload: r.payload, kid: r.kid, signature: r.signature }));
  });
}

/** GET /commands?waitSeconds=: claim now; if nothing and the agent is willing to wait, park without a DB
 *  connection until woken (new command for this host, periodic re-check) or the wait ends. */
export async function pollCommands(
  host: { id: string; hostname: string },
  query: unknown,
  signal?: AbortSignal,
): Promise<Envelope[]> {
  const { waitSeconds } = parseInput(
    pollQuery,
    query,
    "waitSeconds must be an integer from 0 to 30.",
  );
  const deadline = Date.now() + waitSeconds * 1000;
  return trackPoll(host.id, async () => {
    for (;;) {
      const got = await claimCommands(host);
      const left = deadline - Date.now();
      if (got.length || left <= 0 || signal?.aborted) return got;
      await waitForWork(host.id, left, signal);
      // Woken by the agent hanging up: claiming now would lease commands to nobody.
      if (signal?.aborted) return [];
    }
  });
}
