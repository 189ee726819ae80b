import "server-only";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../http/app-error.ts";
import { env } from "../env.ts";
import { newSecret, hashToken } from "./tokens.ts";
import { enrollInput } from "./schemas.ts";
import { listPublicServerKeys, type ServerKey } from "./server-keys.ts";

/** The protocol's cap on one POST /events batch, told to the agent at enrolment. */
export const MAX_BATCH_EVENTS = 500;

export type EnrollResult = { hostId: string; hostToken: string; serverKeys: ServerKey[]; pollSeconds: number; maxBatchEvents: number };

/**
 * POST /enroll: trades a one-time enrollment token for a host identity and credential.
 * The use is consumed by one conditional UPDATE (… WHERE uses < maxUses), so concurrent
 * enrolments can never exceed the token's uses; the host, its inventory and the audit entry
 * commit in the same transaction, so a failure leaves the use unconsumed.
 */
export async function enrollHost(raw: unknown, db?: Db, now = new Date()): Promise<EnrollResult> {
  const input = enrollInput.parse(raw);
  const hostToken = newSecret("bwh");
  const serverKeys = await listPublicServerKeys();
  return inTransaction(db, async (tx) => {
    const consumed = await tx.$queryRaw<{ id: string; label: string }[]>`
      UPDATE "EnrollmentToken" SET "uses" = "uses" + 1
      WHERE "tokenHash" = ${hashToken(input.enrollmentToken)}
        AND "status" = 'active' AND "expiresAt" > ${now} AND "uses" < "maxUses"
      RETURNING "id", "label"`;
    // One answer for unknown, expired, revoked and used up: the caller learns nothing
    // about which tokens exist.
    if (!consumed.length) throw new AppError("unauthenticated", "Unknown, expired, revoked or used-up enrollment token.");
    const token = consumed[0];
    const plugins = input.plugins ?? [];
    const host = await tx.host.create({
      data: {
        hostname: input.hostname,
        os: input.os,
        agentVersion: input.agentVersion,
        tokenHash: hashToken(hostToken),
        enrollmentTokenId: token.id,
        enrolledAt: now,
        lastSeenAt: now,
        inventoryAt: input.plugins ? now : null,
        plugins: { createMany: { data: plugins.map((p) => ({ ...p, updatedAt: now })) } },
      },
      select: { id: true, hostname: true },
    });
    await appendAudit(tx, {
      actor: { type: "host", id: host.id, label: host.hostname },
      action: "host.enrolled",
      target: { type: "host", id: host.id },
      details: { hostname: host.hostname, os: input.os, agentVersion: input.agentVersion, enrollmentTokenId: token.id, enrollmentTokenLabel: token.label, plugins: plugins.length },
    });
    return { hostId: host.id, hostToken, serverKeys, pollSeconds: env.BREAKWATER_AGENT_POLL_SECONDS, maxBatchEvents: MAX_BATCH_EVENTS };
  });
}
