import "server-only";
import path from "node:path";
import { dataDir, env } from "../../env.ts";
import { localDiskStorage } from "./local-disk-storage.ts";
import { s3Storage } from "./s3-storage.ts";
import type { ArtifactStorage } from "./storage.ts";

// Plain module state: a store is configuration over a disk path or an S3 client, so a second
// module graph holding its own copy changes nothing.
let storage: ArtifactStorage | undefined;
let staging: string | undefined;

export const artifactsRoot = () => path.join(dataDir(), "artifacts");

/** Where tus uploads accumulate before verification. By default beside the local store, so
 *  the final move is a rename on the same filesystem; BREAKWATER_ARTIFACT_STAGING_DIR puts it
 *  on storage every instance shares (the move then copies). */
export function stagingDir(): string {
  return (staging ??= env.BREAKWATER_ARTIFACT_STAGING_DIR
    ? path.resolve(env.BREAKWATER_ARTIFACT_STAGING_DIR)
    : path.join(artifactsRoot(), ".staging"));
}

export function getArtifactStorage(): ArtifactStorage {
  storage ??=
    env.BREAKWATER_ARTIFACT_STORAGE === "s3"
      ? s3Storage({
          bucket: env.BREAKWATER_S3_BUCKET!,
          region: env.BREAKWATER_S3_REGION,
          endpoint: env.BREAKWATER_S3_ENDPOINT,
          accessKeyId: env.BREAKWATER_S3_ACCESS_KEY_ID,
          secretAccessKey: env.BREAKWATER_S3_SECRET_ACCESS_KEY,
          prefix: env.BREAKWATER_S3_PREFIX,
        })
      : localDiskStorage(artifactsRoot());
  return storage;
}

/** Test hook: use this store and staging directory in this process. */
export function useArtifactStorage(store: ArtifactStorage, stagingDirectory: string) {
  storage = store;
  staging = stagingDirectory;
}
