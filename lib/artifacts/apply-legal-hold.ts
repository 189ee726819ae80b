import "server-only";
import { actorOfUser } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { SessionUser } from "../auth/current-user.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";
import { formatClock } from "../ui/clock.ts";
import { appendCustody } from "./custody.ts";
import { incidentIdOf } from "./legal-hold-target.ts";
import { legalHoldSchema } from "./schemas.ts";

/** Places an incident on legal hold: none of its artifacts can be purged or deleted until a
 *  manager or admin releases it. Each artifact's custody chain records the hold. */
export async function applyLegalHold(
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
    // Authorise in the write: only an incident not already on hold changes.
    const changed = await tx.incident.updateMany({
      where: { id: incidentId, legalHoldAt: null },
      data: { legalHoldAt: now, legalHoldReason: reason },
    });
    if (changed.count !== 1) {
      const exists = await tx.incident.findUnique({
        where: { id: incidentId },
        select: { legalHoldAt: true },
      });
      if (!exists) throw new AppError("not_found", "No such incident.");
      throw new AppError(
        "conflict",
        `This incident has been on legal hold since ${formatClock(exists.legalHoldAt)}.`,
      );
    }
    const artifacts = await tx.artifact.findMany({ where: { incidentId }, select: { id: true } });
    for (const a of artifacts)
      await appendCustody(tx, a.id, {
        action: "hold_applied",
        actor,
        ip,
        at: now,
        details: { incidentId, reason },
      });
    await appendAudit(tx, {
      actor,
      action: "incident.legal_hold_applied",
      target: { type: "incident", id: incidentId },
      details: { reason, artifacts: artifacts.length, ip },
    });
    await appendTimeline(tx, {
      incidentId,
      source: "artifacts",
      type: "legal_hold_applied",
      actor,
      summary: `Legal hold applied: ${reason}`,
      details: { artifacts: artifacts.length },
    });
    return {
      incidentId,
      legalHoldAt: now.toISOString(),
      legalHoldReason: reason,
      artifacts: artifacts.length,
    };
  });
}
