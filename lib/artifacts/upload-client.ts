// Browser side of responder uploads: SHA-256 computed incrementally (hash-wasm, 8 MiB slices,
// never the whole file in memory), then a tus upload that survives dropped connections
// (automatic retries) and page reloads (tus-js-client remembers the upload URL per file
// fingerprint in localStorage and resumes from the server's offset).

import { createSHA256 } from "hash-wasm";
import { Upload } from "tus-js-client";
import type { ArtifactKind } from "./schemas.ts";

export const USER_UPLOAD_ENDPOINT = "/api/v1/artifacts/uploads";
const SLICE = 8 * 1024 * 1024;
// Each PATCH carries at most one chunk, so every chunk the server acknowledges is a resume
// point it has confirmed: a reload, a closed laptop or a proxy that cuts long requests costs
// at most one chunk, and the bar shows bytes the server holds rather than bytes queued in
// the browser's socket.
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;

export type UploadPhase = "hashing" | "uploading" | "done" | "error" | "paused";
export type UploadProgress = {
  phase: UploadPhase;
  fraction: number;
  bytes: number;
  total: number;
  artifactId?: string;
  error?: string;
  resumed?: boolean;
};

export async function sha256OfFile(
  file: Blob,
  onProgress: (done: number) => void,
  signal?: { aborted: boolean },
): Promise<string> {
  const h = await createSHA256();
  h.init();
  for (let pos = 0; pos < file.size; pos += SLICE) {
    if (signal?.aborted) throw new Error("cancelled");
    h.update(new Uint8Array(await file.slice(pos, pos + SLICE).arrayBuffer()));
    onProgress(Math.min(file.size, pos + SLICE));
  }
  return h.digest("hex");
}

function problemMessage(err: unknown): string {
  const res = (err as { originalResponse?: { getStatus(): number; getBody(): string } })
    .originalResponse;
  if (res) {
    try {
      const p = JSON.parse(res.getBody()) as { detail?: string; title?: string };
      return p.detail ?? p.title ?? `HTTP ${res.getStatus()}`;
    } catch {
      return `HTTP ${res.getStatus()}`;
    }
  }
  return err instanceof Error ? err.message : String(err);
}

export type UploadHandle = { abort(): void };

/** Starts (or resumes) one file's upload and reports progress until done or failed. */
export function startArtifactUpload(
  file: File,
  opts: { kind: ArtifactKind; incidentId: string },
  onProgress: (p: UploadProgress) => void,
): UploadHandle {
  const signal = { aborted: false };
  let upload: Upload | null = null;
  const report = (p: Partial<UploadProgress> & { phase: UploadPhase }) =>
    onProgress({ fraction: 0, bytes: 0, total: file.size, ...p });
  (async () => {
    // A previous attempt at this very file (same name, size, mtime, incident) resumes without re-hashing.
    // Files differ by incident too: the same file attached to two incidents is two uploads.
    const fingerprint = async (f: File | Blob) =>
      ["bw-artifact", (f as File).name, f.size, (f as File).lastModified, opts.incidentId].join(
        ":",
      );
    const probe = new Upload(file, { endpoint: USER_UPLOAD_ENDPOINT, fingerprint });
    const previous = await probe.findPreviousUploads();
    let sha256 = "";
    if (!previous.length) {
      report({ phase: "hashing", fraction: 0 });
      sha256 = await sha256OfFile(
        file,
        (done) =>
          report({ phase: "hashing", fraction: file.size ? done / file.size : 1, bytes: done }),
        signal,
      );
    }
    if (signal.aborted) return;
    let artifactId: string | undefined;
    upload = new Upload(file, {
      endpoint: USER_UPLOAD_ENDPOINT,
      metadata: previous.length
        ? {}
        : { filename: file.name, kind: opts.kind, sha256, incidentId: opts.incidentId },
      fingerprint,
      chunkSize: UPLOAD_CHUNK_BYTES,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
      removeFingerprintOnSuccess: true,
      storeFingerprintForResuming: true,
      onProgress: (sent, total) =>
        report({
          phase: "uploading",
          fraction: total ? sent / total : 1,
          bytes: sent,
          total,
          resumed: previous.length > 0,
        }),
      onAfterResponse: (_req, res) => {
        artifactId = res.getHeader("Breakwater-Artifact-Id") || artifactId;
      },
      onSuccess: () => report({ phase: "done", fraction: 1, bytes: file.size, artifactId }),
      onError: (err) => report({ phase: "error", fraction: 0, error: problemMessage(err) }),
      // A 4xx (bad hash 460, too large 413, forbidden) will not get better by retrying.
      onShouldRetry: (err) => {
        const status =
          (err as { originalResponse?: { getStatus(): number } }).originalResponse?.getStatus() ??
          0;
        return status === 0 || status === 409 || status === 423 || status >= 500;
      },
    });
    if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
    upload.start();
  })().catch((e) => report({ phase: "error", error: e instanceof Error ? e.message : String(e) }));
  return {
    abort() {
      signal.aborted = true;
      void upload?.abort(false);
      report({ phase: "paused" });
    },
  };
}
