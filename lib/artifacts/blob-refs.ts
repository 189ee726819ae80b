import "server-only";
import type { Tx } from "../db/transaction.ts";
import { getArtifactStorage } from "./storage/index.ts";

/** Serialises every decision about one content-addressed blob (its finalize, its removal):
 *  taken before counting references, held to commit. */
export async function lockBlob(tx: Tx, sha256: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ${":artifact-blob:" + sha256}, 0))`;
}

/**
 * Deletes the blob unless something still needs it: another available artifact with the
 * same content, or an unfinished upload that declared this SHA-256 (its finalize may have
 * written the bytes already, and its artifact row is not visible until it commits). A count
 * of artifacts alone deleted the bytes of a concurrent identical upload, which then
 * committed as "verified" with nothing in storage.
 */
export async function deleteBlobIfUnreferenced(
  tx: Tx,
  b: { sha256: string; storageKey: string; storageBackend: string; exceptUploadId?: string },
) {
  await lockBlob(tx, b.sha256);
  const refs = await tx.$queryRaw<{ n: number }[]>`
    SELECT ((SELECT count(*) FROM "Artifact" WHERE "storageKey" = ${b.storageKey} AND "storageBackend" = ${b.storageBackend} AND "status" = 'available')
          + (SELECT count(*) FROM "ArtifactUpload" WHERE "declaredSha256" = ${b.sha256} AND "artifactId" IS NULL AND "id" <> ${b.exceptUploadId ?? ""}))::int AS "n"`;
  if (refs[0].n === 0) await getArtifactStorage().delete(b.storageKey);
}
