import "server-only";
import { actorOfUser } from "../audit/actor.ts";
import type { SessionUser } from "../auth/current-user.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { cancelTimer } from "../timers/schedule-timer.ts";
import { formatClock } from "../ui/clock.ts";
import { purgeTimerKey } from "./finalize-upload.ts";
import { incidentHold, removableSelect, removeArtifactBlob } from "./remove-artifact-blob.ts";
import { deleteArtifactSchema } from "./schemas.ts";

/** A lead deletes an artifact's bytes before its retention ends (e.g. collected by mistake).
 *  Refused with 409 while its incident is on legal hold, and with 403 to the lead who just
 *  released that hold (separation of duties: one person must not be able to release the
 *  evidence and destroy it in one sitting) until BREAKWATER_HOLD_RELEASE_DELETE_DELAY_HOURS
 *  have passed; another lead may delete at once. The incident row is read FOR SHARE, so a
 *  release committing meanwhile is seen or blocks. */
export async function deleteArtifact(
  id: string,
  raw: unknown,
  user: SessionUser,
  ip: string | null,
  db?: Db,
) {
  const { reason } = deleteArtifactSchema.parse(raw);
  return inTransaction(db, async (tx) => {
    const a = await tx.artifact.findUnique({ where: { id }, select: removableSelect });
    if (!a) throw new AppError("not_found", "No such artifact.");
    if (a.status !== "available")
      throw new AppError("gone", `This artifact was already ${a.status}.`);
    const hold = await incidentHold(tx, a.incidentId);
    if (hold?.legalHoldAt) {
      throw new AppError(
        "conflict",
        `Incident ${hold.key} is on legal hold (${hold.legalHoldReason ?? "no reason given"}); its artifacts cannot be deleted until the hold is released.`,
      );
    }
    const delayMs = env.BREAKWATER_HOLD_RELEASE_DELETE_DELAY_HOURS * 3600_000;
    const now = new Date();
    if (
      hold?.legalHoldReleasedAt &&
      hold.legalHoldReleasedById === user.id &&
      now.getTime() - hold.legalHoldReleasedAt.getTime() < delayMs
    ) {
      const allowedAt = new Date(hold.legalHoldReleasedAt.getTime() + delayMs);
      throw new AppError(
        "forbidden",
        `You released the legal hold on ${hold.key}; another manager or admin must delete its artifacts, or you may after ${formatClock(allowedAt)}.`,
      );
    }
    await removeArtifactBlob(tx, a, {
      action: "deleted",
      actor: actorOfUser(user),
      at: now,
      ip,
      reason,
    });
    await cancelTimer(tx, purgeTimerKey(id));
    return { id, status: "deleted" as const };
  });
}
