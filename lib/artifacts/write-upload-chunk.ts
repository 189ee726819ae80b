import "server-only";
import fsp from "node:fs/promises";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { telemetry } from "../telemetry.ts";
import { stagingPath } from "./create-upload.ts";
import { finalizeUpload } from "./finalize-upload.ts";
import {
  dropCachedHash,
  hashFilePrefix,
  putCachedHash,
  takeCachedHash,
} from "./upload-hash-cache.ts";
import type { UploadOwner } from "./upload-owner.ts";

const FLUSH_BYTES = 1 << 20;
// One writer per upload in this process: a second PATCH while one is streaming would interleave.
const busy = new Set<string>();

export async function findOwnedUpload(id: string, owner: UploadOwner, db?: Db) {
  db ??= await getDb();
  const u = await db.artifactUpload.findUnique({ where: { id } });
  // Someone else's upload is indistinguishable from a missing one.
  if (!u || u.ownerType !== owner.type || u.ownerId !== owner.id)
    throw new AppError(
      "not_found",
      "No such upload (it finished with a failure, expired or never existed).",
    );
  return u;
}

export async function currentOffset(uploadId: string): Promise<number> {
  try {
    return (await fsp.stat(stagingPath(uploadId))).size;
  } catch {
    throw new AppError("not_found", "The upload's staging data is gone; start a new upload.");
  }
}

export type ChunkResult = { offset: number; artifactId: string | null };

/**
 * tus PATCH: appends the body at Upload-Offset, streaming (≤ 1 MiB held at a time) and
 * hashing each chunk while it is written; the offset only advances once both are done, so
 * disk and hash never disagree even when the connection dies mid-body. When the last byte arrives the upload is verified and stored.
 */
export async function writeUploadChunk(
  input: {
    id: string;
    owner: UploadOwner;
    offset: number;
    contentLength?: number;
    body: ReadableStream<Uint8Array> | null;
    ip: string | null;
  },
  db?: Db,
): Promise<ChunkResult> {
  db ??= await getDb();
  const u = await findOwnedUpload(input.id, input.owner, db);
  const length = Number(u.length);
  if (u.artifactId)
    throw new AppError("conflict", "This upload is already complete.", {
      extra: { uploadOffset: length },
    });
  if (busy.has(u.id))
    throw new AppError(
      "conflict",
      "Another request is writing this upload; retry after checking the offset with HEAD.",
    );
  busy.add(u.id);
  const file = stagingPath(u.id);
  let fh: fsp.FileHandle | null = null;
  try {
    const start = await currentOffset(u.id);
    if (input.offset !== start)
      throw new AppError(
        "conflict",
        `Upload-Offset ${input.offset} does not match the server's offset ${start}.`,
        { extra: { uploadOffset: start } },
      );
    if (input.contentLength !== undefined && start + input.contentLength > length) {
      throw new AppError(
        "payload_too_large",
        `The body would take the upload past its declared Upload-Length of ${length} bytes.`,
      );
    }
    const hash = takeCachedHash(u.id, start) ?? (await hashFilePrefix(file, start));
    fh = await fsp.open(file, "r+");
    let offset = start;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (!pendingBytes) return;
      const chunks = pending;
      pending = [];
      const n = pendingBytes;
      pendingBytes = 0;
      // The write runs on the thread pool while this thread hashes the same bytes. If the
      // write fails, the error below drops the cached hash, so a hash never outlives bytes
      // that did not reach the disk.
      const written = fh!.writev(chunks, offset);
      for (const c of chunks) hash.update(c);
      await written;
      offset += n;
      telemetry.uploadBytes.inc(n);
    };
    let tooLong = false;
    let aborted = false;
    if (input.body) {
      const reader = input.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (offset + pendingBytes + value.byteLength > length) {
            tooLong = true;
            await reader.cancel().catch(() => {});
            break;
          }
          pending.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
          pendingBytes += value.byteLength;
          if (pendingBytes >= FLUSH_BYTES) await flush();
        }
      } catch {
        // The client went away mid-body: keep every byte that fully arrived (tus resumes from it).
        aborted = true;
      }
    }
    if (tooLong) {
      // Never keep a body that overshoots the declared length: back to where this PATCH began.
      await fh.truncate(start);
      await fh.close();
      fh = null;
      dropCachedHash(u.id);
      throw new AppError(
        "payload_too_large",
        `The body would take the upload past its declared Upload-Length of ${length} bytes.`,
      );
    }
    await flush();
    await fh.close();
    fh = null;
    if (offset < length || aborted) {
      putCachedHash(u.id, offset, hash);
      return { offset, artifactId: null };
    }
    const artifactId = await finalizeUpload(
      { upload: u, sha256: hash.digest("hex"), size: offset, ip: input.ip },
      db,
    );
    return { offset, artifactId };
  } catch (e) {
    dropCachedHash(u.id);
    throw e;
  } finally {
    await fh?.close().catch(() => {});
    busy.delete(u.id);
  }
}
