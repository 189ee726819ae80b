import "server-only";
import { AppError } from "../errors/app-error.ts";
import { formatClock } from "../ui/clock.ts";
import { changeLegalHold, type LegalHoldArgs } from "./change-legal-hold.ts";
import { appendCustody } from "./custody.ts";

/** Places an incident on legal hold: none of its artifacts can be purged or deleted until a
 *  manager or admin releases it. Each artifact's custody chain records the hold. */
export async function applyLegalHold(...args: LegalHoldArgs) {
  const { incidentId, at, reason, artifacts } = await changeLegalHold(
    "applied",
    args,
    async (tx, { incidentId, reason, actor, ip, at }) => {
      // Authorise in the write: only an incident not already on hold changes.
      const changed = await tx.incident.updateMany({
        where: { id: incidentId, legalHoldAt: null },
        data: { legalHoldAt: at, legalHoldReason: reason },
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
          at,
          details: { incidentId, reason },
        });
      return { artifacts: artifacts.length };
    },
  );
  return { incidentId, legalHoldAt: at.toISOString(), legalHoldReason: reason, artifacts };
}
