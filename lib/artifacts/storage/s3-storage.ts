import fs from "node:fs";
import fsp from "node:fs/promises";
import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { type ArtifactStorage, StorageNotFoundError } from "./storage.ts";

export type S3StorageConfig = {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  prefix?: string;
};

const notFound = (e: unknown) => {
  const x = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return x?.name === "NoSuchKey" || x?.name === "NotFound" || x?.$metadata?.httpStatusCode === 404;
};

/** S3-compatible object storage. Blobs are immutable content addresses, so no versioning or
 *  locking is needed: two instances uploading the same key write the same bytes. */
export function s3Storage(cfg: S3StorageConfig, client?: S3Client): ArtifactStorage {
  const s3 =
    client ??
    new S3Client({
      region: cfg.region,
      endpoint: cfg.endpoint,
      forcePathStyle: cfg.forcePathStyle ?? Boolean(cfg.endpoint),
      credentials:
        cfg.accessKeyId && cfg.secretAccessKey
          ? { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey }
          : undefined,
      // Many S3-compatible stores reject the SDK's default aws-chunked CRC trailers; our own
      // integrity check is the SHA-256 in the key, so checksums are sent only when required.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  const k = (key: string) => (cfg.prefix ? `${cfg.prefix.replace(/\/$/, "")}/${key}` : key);
  return {
    backend: "s3",
    async putFile(key, stagingPath, size) {
      // Multipart above 16 MiB parts keeps memory bounded (queueSize × partSize) for 10 GiB files.
      const upload = new Upload({
        client: s3,
        params: {
          Bucket: cfg.bucket,
          Key: k(key),
          Body: fs.createReadStream(stagingPath, { highWaterMark: 1 << 20 }),
          ContentLength: size,
          ContentType: "application/octet-stream",
        },
        partSize: 16 * 1024 * 1024,
        queueSize: 2,
      });
      await upload.done();
      await fsp.rm(stagingPath, { force: true });
    },
    async get(key) {
      try {
        const r = await s3.send(new GetObjectCommand({ Bucket: cfg.bucket, Key: k(key) }));
        return r.Body as Readable;
      } catch (e) {
        if (notFound(e)) throw new StorageNotFoundError(key);
        throw e;
      }
    },
    async exists(key) {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: cfg.bucket, Key: k(key) }));
        return true;
      } catch (e) {
        if (notFound(e)) return false;
        throw e;
      }
    },
    async delete(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: cfg.bucket, Key: k(key) }));
    },
  };
}
