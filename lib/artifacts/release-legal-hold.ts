import "server-only";
import { actorOfUser } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { SessionUser } from "../auth/current-user.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";
import { scheduleTimer } from "../timers/schedule-timer.ts";
import { appendCustody } from "./custody.ts";
import { PURGE_TIMER, purgeTimerKey } from "./finalize-upload.ts";
import { incidentIdOf } from "./legal-hold-target.ts";
import { legalHoldSchema } from "./schemas.ts";

/** Releases the hold; artifacts whose retention ended meanwhile are purged on the next timer poll. */
export async function releaseLegalHold(
  ref: string,
  raw: unknown,
  user: SessionUser,
  ip: string | null,
  db?: Db,
) {
  const { reason } = parseInput(legalHoldSchema, raw);
  const actor = actorOfUser(user);
  return inTransaction(db, async (tx) => {
    const incidentId = await incidentIdOf(tx, ref);
    const now = new Date();
    const before = await tx.incident.findUnique({
      where: { id: incidentId },
      select: { legalHoldAt: true, legalHoldReason: true },
    });
    if (!before) throw new AppError("not_found", "No such incident.");
    const changed = await tx.incident.updateMany({
      where: { id: incidentId, legalHoldAt: { not: null } },
      data: {
        legalHoldAt: null,
        legalHoldReason: null,
        legalHoldReleasedAt: now,
        legalHoldReleasedById: user.id,
      },
    });
    if (changed.count !== 1) throw new AppError("conflict", "This incident is not on legal hold.");
    const artifacts = await tx.artifact.findMany({
      where: { incidentId },
      select: { id: true, status: true, expiresAt: true },
    });
    for (const a of artifacts) {
      await appendCustody(tx, a.id, {
        action: "hold_released",
        actor,
        ip,
        at: now,
        details: { incidentId, reason, heldSince: before.legalHoldAt?.toISOString() ?? null },
      });
      if (a.status === "available") {
        const dueAt = a.expiresAt > now ? a.expiresAt : now;
        await scheduleTimer(tx, {
          kind: PURGE_TIMER,
          dueAt,
          payload: { artifactId: a.id },
          dedupeKey: purgeTimerKey(a.id),
        });
      }
    }
    await appendAudit(tx, {
      actor,
      action: "incident.legal_hold_released",
      target: { type: "incident", id: incidentId },
      details: { reason, heldReason: before.legalHoldReason, artifacts: artifacts.length, ip },
    });
    await appendTimeline(tx, {
      incidentId,
      source: "artifacts",
      type: "legal_hold_released",
      actor,
      summary: `Legal hold released: ${reason}`,
      details: { artifacts: artifacts.length },
    });
    return { incidentId, legalHoldAt: null, legalHoldReason: null, artifacts: artifacts.length };
  });
}
