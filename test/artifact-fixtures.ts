// Fixtures for the artifact vault's integration tests (imported only by *.test.ts).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createUpload } from "../lib/artifacts/create-upload.ts";
import { useArtifactStorage } from "../lib/artifacts/storage/index.ts";
import { localDiskStorage } from "../lib/artifacts/storage/local-disk-storage.ts";
import type { ArtifactStorage } from "../lib/artifacts/storage/storage.ts";
import { writeUploadChunk } from "../lib/artifacts/write-upload-chunk.ts";
import type { PrismaClient } from "../lib/generated/prisma/client.ts";

export const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

/** A request body that delivers `bytes` in chunks and, if abortAt is set, dies there the way
 *  a dropped connection does (the stream errors after the bytes before it). */
export function bodyOf(
  bytes: Buffer,
  opts: { chunk?: number; abortAt?: number } = {},
): ReadableStream<Uint8Array> {
  const chunk = opts.chunk ?? 64 * 1024;
  const end = opts.abortAt ?? bytes.length;
  let pos = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pos >= end) {
        if (opts.abortAt !== undefined) controller.error(new Error("aborted"));
        else controller.close();
        return;
      }
      const next = Math.min(end, pos + chunk);
      controller.enqueue(new Uint8Array(bytes.subarray(pos, next)));
      pos = next;
    },
  });
}

export function useTempLocalStorage(): { root: string; staging: string; storage: ArtifactStorage } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "bw-vault-"));
  const staging = path.join(root, ".staging");
  fs.mkdirSync(staging, { recursive: true });
  const storage = localDiskStorage(root);
  useArtifactStorage(storage, staging);
  return { root, staging, storage };
}

/** Every regular file under dir (recursively). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

let n = 0;
export async function seedIncidentWithHost(db: PrismaClient) {
  n++;
  const host = await db.host.create({
    data: {
      hostname: `host-${n}-${crypto.randomBytes(3).toString("hex")}`,
      os: "linux",
      agentVersion: "1.0.0",
      tokenHash: crypto.randomBytes(32).toString("hex"),
    },
  });
  const now = new Date();
  const incident = await db.incident.create({
    data: {
      key: `INC-T-${crypto.randomBytes(4).toString("hex")}`,
      title: "Sandbox escape in test-plugin",
      severity: "high",
      correlationKey: `t-${n}-${crypto.randomUUID()}`,
      detectedAt: now,
      lastEventAt: now,
    },
  });
  await db.incidentHost.create({
    data: { incidentId: incident.id, hostId: host.id, firstSeenAt: now, lastSeenAt: now },
  });
  return { host, incident, owner: { type: "host" as const, id: host.id, label: host.hostname } };
}

export async function seedUser(
  db: PrismaClient,
  role: "admin" | "manager" | "responder" | "viewer",
) {
  const u = await db.user.create({
    data: {
      email: `${role}-${crypto.randomBytes(4).toString("hex")}@example.test`,
      name: role,
      role,
    },
  });
  return { id: u.id, email: u.email, name: u.name, role };
}

/** A fresh incident's host starts uploading `bytes` as one artifact of the incident
 *  (`dump.bin`, a process dump, unless told otherwise); returns the upload and its owner. */
export async function startUploadOf(
  db: PrismaClient,
  bytes: Buffer,
  file: { filename?: string; kind?: string } = {},
) {
  const seeded = await seedIncidentWithHost(db);
  const { id } = await createUpload({
    owner: seeded.owner,
    length: bytes.length,
    metadata: {
      filename: file.filename ?? "dump.bin",
      kind: file.kind ?? "process_dump",
      sha256: sha(bytes),
      incidentId: seeded.incident.id,
    },
  });
  return { ...seeded, id };
}

/** `startUploadOf`, then all the bytes in one PATCH: the artifact is finalized and verified. */
export async function collectArtifact(
  db: PrismaClient,
  bytes: Buffer,
  file: { filename?: string; kind?: string } = {},
) {
  const upload = await startUploadOf(db, bytes, file);
  const r = await writeUploadChunk({
    id: upload.id,
    owner: upload.owner,
    offset: 0,
    body: bodyOf(bytes),
    ip: "10.1.1.1",
  });
  return { ...upload, artifactId: r.artifactId! };
}
