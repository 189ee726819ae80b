// The agent side of /artifacts (tus 1.0.0): hash the file (streamed), create the upload,
// then PATCH from the server's offset; after a dropped connection or a 5xx, ask HEAD for the
// offset and continue from there, with backoff. A 460 means the file changed or was
// corrupted on the way: it is reported, never retried blindly.
import crypto from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { type BackoffPolicy, backoffDelay, sleep } from "./backoff.ts";
import { apiUrl } from "./http-client.ts";

export type ArtifactUploadMeta = {
  filename: string;
  kind: string;
  commandId?: string;
  incidentId?: string;
};
export type UploadedArtifact = {
  artifactId: string;
  sha256: string;
  sizeBytes: number;
  resumes: number;
};

export class ArtifactUploadError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "ArtifactUploadError";
  }
}

export async function sha256File(file: string): Promise<string> {
  const h = crypto.createHash("sha256");
  for await (const c of fs.createReadStream(file, { highWaterMark: 1 << 20 }))
    h.update(c as Buffer);
  return h.digest("hex");
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const TUS = { "Tus-Resumable": "1.0.0" };

/** The headers of the tus create request (POST): the file's length and its metadata, each
 *  value base64 as tus §Creation says. The benchmarks and specs that upload by hand use these
 *  too, so what the server is sent is the agent's own request. */
export function createUploadHeaders(
  token: string,
  size: number,
  meta: ArtifactUploadMeta & { sha256: string },
): Record<string, string> {
  const pairs = [
    `filename ${b64(meta.filename)}`,
    `kind ${b64(meta.kind)}`,
    `sha256 ${b64(meta.sha256)}`,
  ];
  if (meta.commandId) pairs.push(`commandId ${b64(meta.commandId)}`);
  if (meta.incidentId) pairs.push(`incidentId ${b64(meta.incidentId)}`);
  return {
    ...TUS,
    authorization: `Bearer ${token}`,
    "Upload-Length": String(size),
    "Upload-Metadata": pairs.join(","),
  };
}

/** The headers of a PATCH that sends the bytes from `offset` up to `size`. */
export function patchUploadHeaders(
  token: string,
  offset: number,
  size: number,
): Record<string, string> {
  return {
    ...TUS,
    authorization: `Bearer ${token}`,
    "Upload-Offset": String(offset),
    "Content-Type": "application/offset+octet-stream",
    "Content-Length": String(size - offset),
  };
}

async function problem(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const p = JSON.parse(text) as { detail?: string };
    return p.detail ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

export async function uploadArtifact(
  opts: {
    server: string;
    token: string;
    signal?: AbortSignal;
    backoff?: BackoffPolicy;
    maxAttempts?: number;
  },
  file: string,
  meta: ArtifactUploadMeta,
): Promise<UploadedArtifact> {
  const size = (await fs.promises.stat(file)).size;
  const sha256 = await sha256File(file);
  const auth = { authorization: `Bearer ${opts.token}` };
  const maxAttempts = opts.maxAttempts ?? 20;

  let location: string | null = null;
  let resumes = 0;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (opts.signal?.aborted) throw new ArtifactUploadError("aborted", null, true);
    try {
      if (!location) {
        const res = await fetch(apiUrl(opts.server, "/artifacts"), {
          method: "POST",
          headers: createUploadHeaders(opts.token, size, { ...meta, sha256 }),
          signal: opts.signal,
        });
        if (res.status !== 201)
          throw new ArtifactUploadError(
            `create failed: ${await problem(res)}`,
            res.status,
            res.status >= 500 || res.status === 429,
          );
        location = new URL(res.headers.get("location")!, opts.server).toString();
      }
      const head = await fetch(location, {
        method: "HEAD",
        headers: { ...TUS, ...auth },
        signal: opts.signal,
      });
      if (head.status === 404) {
        // Expired or unknown: start over with a fresh upload.
        location = null;
        continue;
      }
      if (!head.ok)
        throw new ArtifactUploadError(
          `HEAD failed: HTTP ${head.status}`,
          head.status,
          head.status >= 500 || head.status === 429,
        );
      const done = head.headers.get("breakwater-artifact-id");
      if (done) return { artifactId: done, sha256, sizeBytes: size, resumes };
      const offset = Number(head.headers.get("upload-offset"));
      if (attempt > 0 && offset > 0) resumes++;
      const body =
        size > offset
          ? (Readable.toWeb(
              fs.createReadStream(file, { start: offset, highWaterMark: 1 << 20 }),
            ) as ReadableStream)
          : null;
      const res = await fetch(location, {
        method: "PATCH",
        headers: patchUploadHeaders(opts.token, offset, size),
        body,
        signal: opts.signal,
        // Node's fetch streams a request body only in half-duplex mode.
        ...({ duplex: "half" } as object),
      });
      if (res.status === 204) {
        const id = res.headers.get("breakwater-artifact-id");
        if (id) return { artifactId: id, sha256, sizeBytes: size, resumes };
        continue; // partial write: HEAD again
      }
      const msg = await problem(res);
      if (res.status === 460)
        throw new ArtifactUploadError(
          `the server computed a different SHA-256: ${msg}`,
          460,
          false,
        );
      if (res.status === 409) continue; // offset moved or a stale PATCH still running: re-read the offset
      throw new ArtifactUploadError(
        `upload failed: ${msg}`,
        res.status,
        res.status >= 500 || res.status === 429,
      );
    } catch (e) {
      if (e instanceof ArtifactUploadError && !e.retryable) throw e;
      if (opts.signal?.aborted) throw new ArtifactUploadError("aborted", null, true);
      await sleep(backoffDelay(attempt, null, opts.backoff), opts.signal);
    }
  }
  throw new ArtifactUploadError(`gave up after ${maxAttempts} attempts`, null, true);
}
