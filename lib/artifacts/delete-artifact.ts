import "server-only";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../http/app-error.ts";
import type { SessionUser } from "../auth/current-user.ts";
import { cancelTimer } from "../timers/schedule-timer.ts";
import { incidentHold, removableSelect, removeArtifactBlob } from "./remove-artifact-blob.ts";
import { deleteArtifactSchema } from "./schemas.ts";
import { purgeTimerKey } from "./finalize-upload.ts";

/** A lead deletes an artifact's bytes before its retention ends (e.g. collected by mistake).
 *  Refused with 409 while its incident is on legal hold. */
export async function deleteArtifact(id: string, raw: unknown, user: SessionUser, ip: string | null, db?: Db) {
  const { reason } = deleteArtifactSchema.parse(raw);
  return inTransaction(db, async (tx) => {
    const a = await tx.artifact.findUnique({ where: { id }, select: removableSelect });
    if (!a) throw new AppError("not_found", "No such artifact.");
    if (a.status !== "available") throw new AppError("gone", `This artifact was already ${a.status}.`);
    const hold = await incidentHold(tx, a.incidentId);
    if (hold?.legalHoldAt) {
      throw new AppError("conflict", `Incident ${hold.key} is on legal hold (${hold.legalHoldReason ?? "no reason given"}); its artifacts cannot be deleted until the hold is released.`);
    }
    await removeArtifactBlob(tx, a, { action: "deleted", actor: { type: "user", id: user.id, label: user.email }, at: new Date(), ip, reason });
    await cancelTimer(tx, purgeTimerKey(id));
    return { id, status: "deleted" as const };
  });
}
