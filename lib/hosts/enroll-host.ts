import "server-only";
import { actorOfHost } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { isUniqueViolation } from "../errors/transient.ts";
import { type EnrollInput, enrollInput } from "../protocol/hosts.ts";
import { listPublicServerKeys, type ServerKey } from "./server-keys.ts";
import { hashToken, newSecret } from "./tokens.ts";

/** The protocol's cap on one POST /events batch, told to the agent at enrolment. */
export const MAX_BATCH_EVENTS = 500;

export type EnrollResult = {
  hostId: string;
  hostToken: string;
  serverKeys: ServerKey[];
  pollSeconds: number;
  maxBatchEvents: number;
};

/**
 * POST /enroll: trades a one-time enrollment token for a host identity and credential.
 * The use is consumed by one conditional UPDATE (… WHERE uses < maxUses), so concurrent
 * enrolments can never exceed the token's uses; the host, its inventory and the audit entry
 * commit in the same transaction, so a failure leaves the use unconsumed.
 * With an `enrollmentId` the call is idempotent until the credential is used: see replayEnrollment.
 */
export async function enrollHost(raw: unknown, db?: Db, now = new Date()): Promise<EnrollResult> {
  const input = enrollInput.parse(raw);
  const serverKeys = await listPublicServerKeys();
  // A retry racing its own first attempt (same enrollmentId, both new) meets the unique index:
  // run again, and the second pass replays what the first committed.
  for (let attempt = 1; ; attempt++) {
    try {
      return await enrollOnce(input, serverKeys, db, now);
    } catch (e) {
      if (!input.enrollmentId || attempt >= 2 || !isUniqueViolation(e)) throw e;
    }
  }
}

async function enrollOnce(
  input: EnrollInput,
  serverKeys: ServerKey[],
  db: Db | undefined,
  now: Date,
): Promise<EnrollResult> {
  const hostToken = newSecret("bwh");
  return inTransaction(db, async (tx) => {
    if (input.enrollmentId) {
      const replayed = await replayEnrollment(
        tx,
        input.enrollmentId,
        input.enrollmentToken,
        hostToken,
        now,
      );
      if (replayed)
        return {
          hostId: replayed,
          hostToken,
          serverKeys,
          pollSeconds: env.BREAKWATER_AGENT_POLL_SECONDS,
          maxBatchEvents: MAX_BATCH_EVENTS,
        };
    }
    const consumed = await tx.$queryRaw<{ id: string; label: string; drillRunId: string | null }[]>`
      UPDATE "EnrollmentToken" SET "uses" = "uses" + 1
      WHERE "tokenHash" = ${hashToken(input.enrollmentToken)}
        AND "status" = 'active' AND "expiresAt" > ${now} AND "uses" < "maxUses"
      RETURNING "id", "label", "drillRunId"`;
    // One answer for unknown, expired, revoked and used up: the caller learns nothing
    // about which tokens exist.
    if (!consumed.length)
      throw new AppError(
        "unauthenticated",
        "Unknown, expired, revoked or used-up enrollment token.",
      );
    const token = consumed[0];
    const plugins = input.plugins ?? [];
    const host = await tx.host.create({
      data: {
        hostname: input.hostname,
        os: input.os,
        agentVersion: input.agentVersion,
        tokenHash: hashToken(hostToken),
        enrollmentTokenId: token.id,
        enrollmentId: input.enrollmentId ?? null,
        // A drill's token makes a drill host, whatever the agent says about itself.
        simulated: token.drillRunId !== null,
        drillRunId: token.drillRunId,
        enrolledAt: now,
        lastSeenAt: now,
        inventoryAt: input.plugins ? now : null,
        plugins: { createMany: { data: plugins.map((p) => ({ ...p, updatedAt: now })) } },
      },
      select: { id: true, hostname: true },
    });
    await appendAudit(tx, {
      actor: actorOfHost(host),
      action: "host.enrolled",
      target: { type: "host", id: host.id },
      details: {
        hostname: host.hostname,
        os: input.os,
        agentVersion: input.agentVersion,
        enrollmentTokenId: token.id,
        enrollmentTokenLabel: token.label,
        plugins: plugins.length,
        ...(token.drillRunId ? { drillRunId: token.drillRunId } : {}),
      },
    });
    return {
      hostId: host.id,
      hostToken,
      serverKeys,
      pollSeconds: env.BREAKWATER_AGENT_POLL_SECONDS,
      maxBatchEvents: MAX_BATCH_EVENTS,
    };
  });
}

/**
 * A retry of an enrolment that committed but whose 201 was lost (server killed, connection
 * dropped): same enrollmentId, same enrollment token. The agent never saw its host token, so
 * the server issues a new one for the same host (the old hash is replaced, no use consumed) —
 * but only while that credential has never been used; after that a replay could take over a
 * live host, so it is refused. Returns the host id, or null when the id is new.
 */
async function replayEnrollment(
  tx: Tx,
  enrollmentId: string,
  enrollmentToken: string,
  hostToken: string,
  now: Date,
): Promise<string | null> {
  const rows = await tx.$queryRaw<
    {
      id: string;
      hostname: string;
      status: string;
      credentialUsedAt: Date | null;
      tokenHash: string | null;
      tokenStatus: string | null;
    }[]
  >`
    SELECT h."id", h."hostname", h."status"::text AS "status", h."credentialUsedAt", t."tokenHash", t."status"::text AS "tokenStatus"
    FROM "Host" h LEFT JOIN "EnrollmentToken" t ON t."id" = h."enrollmentTokenId"
    WHERE h."enrollmentId" = ${enrollmentId}
    FOR NO KEY UPDATE OF h`;
  if (!rows.length) return null;
  const h = rows[0];
  // Someone else's enrolment id, or a revoked token: the same answer as any bad token.
  if (h.tokenHash !== hashToken(enrollmentToken) || h.tokenStatus !== "active")
    throw new AppError("unauthenticated", "Unknown, expired, revoked or used-up enrollment token.");
  if (h.status !== "active" || h.credentialUsedAt) {
    throw new AppError(
      "conflict",
      "This enrolment already completed and its host credential has been used; enrol again with a new enrollmentId (and a token use).",
    );
  }
  await tx.host.update({
    where: { id: h.id },
    data: { tokenHash: hashToken(hostToken), lastSeenAt: now },
  });
  await appendAudit(tx, {
    actor: actorOfHost(h),
    action: "host.enrollment_replayed",
    target: { type: "host", id: h.id },
    details: {
      enrollmentId,
      reason: "the first 201 did not reach the agent; a new host token replaced the unused one",
    },
  });
  return h.id;
}
