import type { Readable } from "node:stream";

// One interface for where artifact bytes live. Keys are content addresses (sha256/ab/cd/<hash>),
// so the same evidence uploaded twice is stored once and a key can never point at other bytes.
export interface ArtifactStorage {
  readonly backend: "local" | "s3";
  /** Moves a fully received, hash-verified staging file into the store under key. The staging
   *  file is consumed (renamed or uploaded then removed). Idempotent for an existing key. */
  putFile(key: string, stagingPath: string, size: number): Promise<void>;
  /** Streams the stored bytes; throws StorageNotFoundError when the key is absent. */
  get(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Idempotent: deleting a missing key is not an error (purge retries rely on it). */
  delete(key: string): Promise<void>;
}

export class StorageNotFoundError extends Error {
  constructor(key: string) {
    super(`artifact blob ${key} is not in storage`);
    this.name = "StorageNotFoundError";
  }
}

export const contentKey = (sha256: string) =>
  `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
