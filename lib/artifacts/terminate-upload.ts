import "server-only";
import fsp from "node:fs/promises";
import { appendAudit } from "../audit/append-audit.ts";
import { type Db, getDb } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { cancelTimer } from "../timers/schedule-timer.ts";
import { stagingPath } from "./create-upload.ts";
import { dropCachedHash } from "./upload-hash-cache.ts";
import type { UploadOwner } from "./upload-owner.ts";
import { findOwnedUpload } from "./write-upload-chunk.ts";

/** tus termination: the owner abandons an unfinished upload; its staging bytes are removed. */
export async function terminateUpload(id: string, owner: UploadOwner, db?: Db) {
  db ??= await getDb();
  const u = await findOwnedUpload(id, owner, db);
  if (u.artifactId)
    throw new AppError(
      "conflict",
      "This upload is complete and is now an artifact; it cannot be terminated.",
    );
  await inTransaction(db, async (tx) => {
    // The delete is the check: an upload that completed (or was terminated) since the read
    // above must not get an audit line saying it was terminated.
    const { count } = await tx.artifactUpload.deleteMany({ where: { id, artifactId: null } });
    if (count !== 1) {
      const now = await tx.artifactUpload.findUnique({
        where: { id },
        select: { artifactId: true },
      });
      throw now
        ? new AppError(
            "conflict",
            "This upload is complete and is now an artifact; it cannot be terminated.",
          )
        : new AppError(
            "not_found",
            "No such upload (it finished with a failure, expired or never existed).",
          );
    }
    await cancelTimer(tx, `artifact-upload:${id}`);
    await appendAudit(tx, {
      actor: owner,
      action: "artifact.upload_terminated",
      target: { type: "artifact_upload", id },
      details: {
        filename: u.filename,
        declaredLength: Number(u.length),
        incidentId: u.incidentId,
        commandId: u.commandId,
      },
    });
  });
  dropCachedHash(id);
  await fsp.rm(stagingPath(id), { force: true });
}
