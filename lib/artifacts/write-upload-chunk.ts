import "server-only";
import crypto from "node:crypto";
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
// One writer per upload across every instance: a second PATCH while one is streaming would
// interleave. The claim is a lease on the upload row, renewed while bytes flow, so a writer
// whose instance died frees the upload within WRITER_LEASE_MS.
const WRITER_LEASE_MS = 60_000;

type Lease = { id: string };

async function claimWriter(db: Db, uploadId: string): Promise<Lease | null> {
  const now = new Date();
  const id = crypto.randomUUID();
  const { count } = await db.artifactUpload.updateMany({
    where: {
      id: uploadId,
      artifactId: null,
      OR: [{ writerId: null }, { writerUntil: { lt: now } }],
    },
    data: { writerId: id, writerUntil: new Date(now.getTime() + WRITER_LEASE_MS) },
  });
  return count ? { id } : null;
}

/** Records the bytes now in the staging file and extends the lease (once per flushed MiB, so a
 *  client that lost its connection resumes from near where it was cut, on any instance). False
 *  when the lease was lost: another writer may have taken the upload. */
async function recordProgress(db: Db, uploadId: string, lease: Lease, offset: number) {
  const { count } = await db.artifactUpload.updateMany({
    where: { id: uploadId, writerId: lease.id },
    data: { receivedBytes: BigInt(offset), writerUntil: new Date(Date.now() + WRITER_LEASE_MS) },
  });
  if (!count)
    throw new AppError(
      "conflict",
      "This upload's writer claim expired; check the offset with HEAD.",
    );
}

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

const SETTLE_WAIT_MS = 2_000;
const SETTLE_POLL_MS = 20;

/** The upload as a resuming client should see it. A client whose connection just died sends
 *  HEAD at once, while the PATCH that was receiving its bytes may still be writing them and
 *  recording the offset; answering then would hand out a stale offset, and the client's next
 *  PATCH would be refused (409) or, worse, resend bytes the server already holds. So HEAD
 *  waits, briefly, for a held writer claim to be released, as tusd's upload lock does. A
 *  claim still held after the wait is a live writer: its offset is answered as it stands. */
export async function findSettledUpload(id: string, owner: UploadOwner, db?: Db) {
  db ??= await getDb();
  const until = Date.now() + SETTLE_WAIT_MS;
  for (;;) {
    const u = await findOwnedUpload(id, owner, db);
    const held = u.writerId !== null && u.writerUntil !== null && u.writerUntil > new Date();
    if (!held || u.artifactId || Date.now() >= until) return u;
    await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
  }
}

/** The resume offset: what the database says was durably received, on whichever instance.
 *  The staging file may hold more (a writer died between its write and the commit); those
 *  bytes are cut off by the next PATCH. */
export async function currentOffset(u: { id: string; receivedBytes: bigint }): Promise<number> {
  const size = await fsp.stat(stagingPath(u.id)).then(
    (s) => s.size,
    () => null,
  );
  const received = Number(u.receivedBytes);
  if (size === null || size < received)
    throw new AppError("not_found", "The upload's staging data is gone; start a new upload.");
  return received;
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
  const lease = await claimWriter(db, u.id);
  if (!lease)
    throw new AppError(
      "conflict",
      "Another request is writing this upload; retry after checking the offset with HEAD.",
    );
  const file = stagingPath(u.id);
  let fh: fsp.FileHandle | null = null;
  try {
    const start = await currentOffset(u);
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
    // Bytes past the recorded offset came from a writer that never recorded them.
    await fh.truncate(start);
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
      await recordProgress(db, u.id, lease, offset);
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
    await fh.datasync();
    await fh.close();
    fh = null;
    // The last flush recorded the final offset; nothing more to write before finishing.
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
    await db.artifactUpload
      .updateMany({
        where: { id: u.id, writerId: lease.id },
        data: { writerId: null, writerUntil: null },
      })
      .catch(() => {});
  }
}
