import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type S3TestServer, startS3Server } from "../../../test/s3-server.ts";
import { localDiskStorage } from "./local-disk-storage.ts";
import { s3Storage } from "./s3-storage.ts";
import { type ArtifactStorage, contentKey, StorageNotFoundError } from "./storage.ts";

// The one contract every backend must keep; local disk and S3 (against a real s3rver
// process) run the very same cases.
async function readAll(s: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(Buffer.from(c as Buffer));
  return Buffer.concat(parts);
}

function staging(dir: string, bytes: Buffer) {
  const p = path.join(dir, crypto.randomUUID());
  fs.writeFileSync(p, bytes);
  return p;
}

function contract(name: string, make: () => { storage: ArtifactStorage; stagingDir: string }) {
  describe(`artifact storage contract: ${name}`, () => {
    it("stores a staged file (17 MiB) under its content key, consumes the staging file and streams it back", async () => {
      const { storage, stagingDir } = make();
      // Over one 16 MiB part, so the S3 backend goes through multipart upload.
      const bytes = crypto.randomBytes(17 * 1024 * 1024 + 17);
      const sha = crypto.createHash("sha256").update(bytes).digest("hex");
      const file = staging(stagingDir, bytes);
      expect(await storage.exists(contentKey(sha))).toBe(false);
      await storage.putFile(contentKey(sha), file, bytes.length);
      expect(fs.existsSync(file)).toBe(false);
      expect(await storage.exists(contentKey(sha))).toBe(true);
      const back = await readAll(await storage.get(contentKey(sha)));
      expect(back.length).toBe(bytes.length);
      expect(crypto.createHash("sha256").update(back).digest("hex")).toBe(sha);
    });

    it("writing the same key twice keeps one intact blob", async () => {
      const { storage, stagingDir } = make();
      const bytes = crypto.randomBytes(1000);
      const key = contentKey(crypto.createHash("sha256").update(bytes).digest("hex"));
      await storage.putFile(key, staging(stagingDir, bytes), bytes.length);
      await storage.putFile(key, staging(stagingDir, bytes), bytes.length);
      expect((await readAll(await storage.get(key))).equals(bytes)).toBe(true);
    });

    it("stores an empty file", async () => {
      const { storage, stagingDir } = make();
      const key = contentKey(crypto.createHash("sha256").update(Buffer.alloc(0)).digest("hex"));
      await storage.putFile(key, staging(stagingDir, Buffer.alloc(0)), 0);
      expect((await readAll(await storage.get(key))).length).toBe(0);
    });

    it("deletes idempotently and reports a missing key as StorageNotFoundError", async () => {
      const { storage, stagingDir } = make();
      const bytes = crypto.randomBytes(64);
      const key = contentKey(crypto.createHash("sha256").update(bytes).digest("hex"));
      await storage.putFile(key, staging(stagingDir, bytes), bytes.length);
      await storage.delete(key);
      await storage.delete(key);
      expect(await storage.exists(key)).toBe(false);
      await expect(storage.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
    });
  });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bw-storage-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

contract("local disk", () => {
  fs.mkdirSync(path.join(tmp, "local", ".staging"), { recursive: true });
  return {
    storage: localDiskStorage(path.join(tmp, "local")),
    stagingDir: path.join(tmp, "local", ".staging"),
  };
});

let s3: S3TestServer;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.stop();
});
contract("S3 (s3rver process)", () => {
  fs.mkdirSync(path.join(tmp, "s3-staging"), { recursive: true });
  return {
    storage: s3Storage({
      bucket: s3.bucket,
      region: "us-east-1",
      endpoint: s3.endpoint,
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
      prefix: "artifacts",
    }),
    stagingDir: path.join(tmp, "s3-staging"),
  };
});
