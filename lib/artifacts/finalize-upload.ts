import "server-only";
import fsp from "node:fs/promises";
import { systemActor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { type Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import type { ArtifactUpload } from "../generated/prisma/client.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";
import { cancelTimer, scheduleTimer } from "../timers/schedule-timer.ts";
import { deleteBlobIfUnreferenced, lockBlob } from "./blob-refs.ts";
import { computeExpiresAt } from "./compute-expires-at.ts";
import { stagingPath } from "./create-upload.ts";
import { appendCustody } from "./custody.ts";
import { getArtifactStorage } from "./storage/index.ts";
import { contentKey } from "./storage/storage.ts";
import type { UploadOwner } from "./upload-owner.ts";

export const PURGE_TIMER = "artifacts.purge";
export const purgeTimerKey = (artifactId: string) => `artifact-purge:${artifactId}`;

// The owner as stored when the upload began (built then by actorOfUser/actorOfHost), not
// rebuilt from today's user or host row: custody names who actually sent the bytes.
const ownerOf = (u: ArtifactUpload): UploadOwner => ({
  type: u.ownerType as "host" | "user",
  id: u.ownerId,
  label: u.ownerLabel,
});
// Breakwater's own hash check, the one custody step no person or host performs.
const VERIFIER = systemActor("breakwater");

/**
 * The last byte has arrived. A hash mismatch removes the staging file and the upload row and
 * answers 460: nothing of the bad upload remains but an audit line. A match moves the bytes
 * into storage and records the artifact with collected/received/verified custody, an audit
 * entry, an incident timeline entry and its purge timer, all in one transaction.
 */
export async function finalizeUpload(
  input: { upload: ArtifactUpload; sha256: string; size: number; ip: string | null },
  db: Db,
): Promise<string> {
  const u = input.upload;
  const actor = ownerOf(u);
  const file = stagingPath(u.id);
  if (input.sha256 !== u.declaredSha256) {
    await fsp.rm(file, { force: true });
    await inTransaction(db, async (tx) => {
      await tx.artifactUpload.deleteMany({ where: { id: u.id } });
      await cancelTimer(tx, `artifact-upload:${u.id}`);
      await appendAudit(tx, {
        actor,
        action: "artifact.upload_rejected",
        target: { type: "artifact_upload", id: u.id },
        details: {
          reason: "sha256_mismatch",
          filename: u.filename,
          kind: u.kind,
          declaredSha256: u.declaredSha256,
          computedSha256: input.sha256,
          size: input.size,
          incidentId: u.incidentId,
          commandId: u.commandId,
          ip: input.ip,
        },
      });
    });
    throw new AppError(
      "checksum_mismatch",
      `The SHA-256 of the received bytes (${input.sha256}) does not match the declared ${u.declaredSha256}. Nothing was kept.`,
      {
        extra: { declaredSha256: u.declaredSha256, computedSha256: input.sha256 },
      },
    );
  }

  const storage = getArtifactStorage();
  const key = contentKey(input.sha256);
  // Wait out a removal of an older artifact with the same content that has already decided
  // to delete the blob; any removal starting after this sees our unfinished upload row as a
  // reference and keeps the blob (deleteBlobIfUnreferenced). Then always (re)write the bytes.
  await inTransaction(db, (tx) => lockBlob(tx, input.sha256));
  await storage.putFile(key, file, input.size);
  try {
    return await inTransaction(db, async (tx) => {
      await lockBlob(tx, input.sha256);
      // Never commit "verified" over missing bytes, whatever happened since the write.
      if (!(await storage.exists(key)))
        throw new AppError(
          "internal",
          "The stored artifact bytes vanished before the upload was recorded.",
        );
      const receivedAt = new Date();
      const expiresAt = await computeExpiresAt(tx, u.kind, u.collectedAt);
      const a = await tx.artifact.create({
        data: {
          filename: u.filename,
          kind: u.kind,
          sizeBytes: BigInt(input.size),
          sha256: input.sha256,
          storageBackend: storage.backend,
          storageKey: key,
          incidentId: u.incidentId,
          commandId: u.commandId,
          hostId: u.hostId,
          uploadedByUserId: u.ownerType === "user" ? u.ownerId : null,
          collectedAt: u.collectedAt,
          receivedAt,
          expiresAt,
        },
        select: { id: true },
      });
      const hostLabel = u.ownerType === "host" ? u.ownerLabel : null;
      await appendCustody(tx, a.id, {
        action: "collected",
        actor,
        ip: input.ip,
        at: u.collectedAt,
        details: {
          hostId: u.hostId,
          hostname: hostLabel,
          claimedSha256: u.declaredSha256,
          commandId: u.commandId,
          uploadId: u.id,
          filename: u.filename,
          declaredLength: Number(u.length),
        },
      });
      await appendCustody(tx, a.id, {
        action: "received",
        actor,
        ip: input.ip,
        at: receivedAt,
        details: { sizeBytes: input.size, storageBackend: storage.backend, storageKey: key },
      });
      await appendCustody(tx, a.id, {
        action: "verified",
        actor: VERIFIER,
        at: receivedAt,
        details: { serverSha256: input.sha256, matchesClaim: true },
      });
      await tx.artifactUpload.update({ where: { id: u.id }, data: { artifactId: a.id } });
      await scheduleTimer(tx, {
        kind: PURGE_TIMER,
        dueAt: expiresAt,
        payload: { artifactId: a.id },
        dedupeKey: purgeTimerKey(a.id),
      });
      await appendAudit(tx, {
        actor,
        action: "artifact.received",
        target: { type: "artifact", id: a.id },
        details: {
          filename: u.filename,
          kind: u.kind,
          sha256: input.sha256,
          sizeBytes: input.size,
          incidentId: u.incidentId,
          commandId: u.commandId,
          hostId: u.hostId,
          expiresAt: expiresAt.toISOString(),
        },
      });
      if (u.incidentId) {
        await appendTimeline(tx, {
          incidentId: u.incidentId,
          type: "artifact_collected",
          actor,
          source: "artifacts",
          summary: `Artifact ${u.filename} (${u.kind}, ${input.size} bytes) received, SHA-256 verified`,
          details: { artifactId: a.id, sha256: input.sha256, commandId: u.commandId },
        });
      }
      return a.id;
    });
  } catch (e) {
    await inTransaction(db, (tx) =>
      deleteBlobIfUnreferenced(tx, {
        sha256: input.sha256,
        storageKey: key,
        storageBackend: storage.backend,
        exceptUploadId: u.id,
      }),
    ).catch(() => {});
    throw e;
  }
}
