import "server-only";
import { AppError } from "../errors/app-error.ts";
import { scheduleTimer } from "../timers/schedule-timer.ts";
import { changeLegalHold, type LegalHoldArgs } from "./change-legal-hold.ts";
import { appendCustody } from "./custody.ts";
import { PURGE_TIMER, purgeTimerKey } from "./finalize-upload.ts";

/** Releases the hold; artifacts whose retention ended meanwhile are purged on the next timer poll. */
export async function releaseLegalHold(...args: LegalHoldArgs) {
  const { incidentId, artifacts } = await changeLegalHold(
    "released",
    args,
    async (tx, { incidentId, reason, user, actor, ip, at: now }) => {
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
      if (changed.count !== 1)
        throw new AppError("conflict", "This incident is not on legal hold.");
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
      return { artifacts: artifacts.length, details: { heldReason: before.legalHoldReason } };
    },
  );
  return { incidentId, legalHoldAt: null, legalHoldReason: null, artifacts };
}
