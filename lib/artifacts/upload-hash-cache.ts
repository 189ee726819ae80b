import crypto from "node:crypto";
import fs from "node:fs";

// Node's Hash cannot be serialised, so the running SHA-256 of an upload is kept in this
// process, keyed by upload id and valid only at the exact offset it was taken. A resumed
// PATCH that finds it (same process, offset matches the staging file) continues from it;
// otherwise (restart, another instance, a failed write) the bytes already on disk are
// re-hashed once, streamed. Correctness never depends on the cache, only speed does.
type Entry = { offset: number; hash: crypto.Hash };
const cache = new Map<string, Entry>();

export function takeCachedHash(uploadId: string, offset: number): crypto.Hash | null {
  const e = cache.get(uploadId);
  cache.delete(uploadId);
  return e && e.offset === offset ? e.hash : null;
}

export function putCachedHash(uploadId: string, offset: number, hash: crypto.Hash) {
  cache.set(uploadId, { offset, hash });
}

export function dropCachedHash(uploadId: string) {
  cache.delete(uploadId);
}

export async function hashFilePrefix(path: string, length: number): Promise<crypto.Hash> {
  const hash = crypto.createHash("sha256");
  if (length === 0) return hash;
  const stream = fs.createReadStream(path, { start: 0, end: length - 1, highWaterMark: 1 << 20 });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash;
}
