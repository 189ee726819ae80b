import "server-only";
import fsp from "node:fs/promises";
import { SYSTEM } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { TimerHandler } from "../timers/run-due-timers.ts";
import { scheduleTimer } from "../timers/schedule-timer.ts";
import { stagingPath } from "./create-upload.ts";
import { PURGE_TIMER, purgeTimerKey } from "./finalize-upload.ts";
import { incidentHold, removableSelect, removeArtifactBlob } from "./remove-artifact-blob.ts";
import { dropCachedHash } from "./upload-hash-cache.ts";

/** Timer handler: purges one artifact when its retention ends, unless its incident is on
 *  legal hold — then it does nothing and releasing the hold schedules it again. */
export const purgeExpiredArtifact: TimerHandler = async (tx, timer, now) => {
  const artifactId = String(timer.payload.artifactId ?? "");
  const a = await tx.artifact.findUnique({ where: { id: artifactId }, select: removableSelect });
  if (!a || a.status !== "available") return;
  if (a.expiresAt > now) {
    await scheduleTimer(tx, {
      kind: PURGE_TIMER,
      dueAt: a.expiresAt,
      payload: { artifactId },
      dedupeKey: `${purgeTimerKey(artifactId)}:next`,
    });
    return;
  }
  const hold = await incidentHold(tx, a.incidentId);
  if (hold?.legalHoldAt) return;
  await removeArtifactBlob(tx, a, {
    action: "purged",
    actor: SYSTEM,
    at: now,
    details: { expiresAt: a.expiresAt.toISOString() },
  });
};

/** Timer handler: an upload left unfinished past its TTL loses its staging bytes and row. */
export const expireUpload: TimerHandler = async (tx, timer) => {
  const uploadId = String(timer.payload.uploadId ?? "");
  const u = await tx.artifactUpload.findUnique({
    where: { id: uploadId },
    select: {
      id: true,
      artifactId: true,
      filename: true,
      ownerType: true,
      ownerId: true,
      ownerLabel: true,
      length: true,
    },
  });
  if (!u) return;
  await tx.artifactUpload.delete({ where: { id: u.id } });
  if (!u.artifactId) {
    await appendAudit(tx, {
      actor: SYSTEM,
      action: "artifact.upload_expired",
      target: { type: "artifact_upload", id: u.id },
      details: {
        filename: u.filename,
        owner: `${u.ownerType}:${u.ownerLabel}`,
        declaredLength: Number(u.length),
      },
    });
  }
  dropCachedHash(u.id);
  await fsp.rm(stagingPath(u.id), { force: true });
};
