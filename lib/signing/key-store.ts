import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import { subscribeChanges } from "../db/change-feed.ts";
import { type Db, getDb } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { logger } from "../log.ts";
import type { Endorsement } from "../protocol/key-endorsement.ts";
import { signEndorsement } from "../protocol/key-endorsement.ts";
import { maxCommandExpirySeconds } from "./command-validity.ts";
import {
  envSigningKeys,
  type KeyFile,
  legacyKeyFilePath,
  newStoredKey,
  privateKeyObject,
  readLegacyKeyFile,
  type StoredKey,
} from "./key-material.ts";
import { type Kek, keyEncryptionKeys, sealPrivateKey, unsealPrivateKey } from "./key-sealing.ts";

// The deployment's signing keys: one set in the database, shared by every instance, so an
// agent that pinned the key at enrolment through A verifies what B signs. BREAKWATER_SIGNING_KEYS,
// when set, replaces the database entirely (the same value on every instance).
// Reads for publication (GET /server-keys, enrolment) are always fresh: an agent that meets a
// new kid asks for the list, and must find the key whichever instance answers. The signing
// key is cached briefly; a rotation anywhere drops every instance's cache at once (change
// feed key SIGNING_KEYS_CHANGED, carried by the cluster bus), and the TTL bounds a lost
// note — well inside the grace a retired key stays published for.

export const SIGNING_KEYS_CHANGED = "signing-keys";
const CACHE_MS = 5_000;

// Fixed-key advisory lock, scoped to the schema: creating the first key and rotating take
// it, so two instances starting at once on an empty table make one key, not two.
export const SIGNING_KEYS_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext(current_schema()), 72707371)`;

/** StoredKey as loaded: the active key's private half unsealed, or why it could not be. */
export type LoadedKeys = KeyFile & { sealError?: string };

// Keyed by the process's database (tests point one process at several in turn).
let cache = new WeakMap<object, { at: number; keys: LoadedKeys }>();
const inflight = new WeakMap<object, Promise<LoadedKeys>>();
let subscribed = false;

type Row = {
  kid: string;
  publicKey: string;
  sealedPrivate: string | null;
  kekId: string | null;
  createdAt: Date;
  retiredAt: Date | null;
  publishUntil: Date | null;
  endorsements: Prisma.JsonValue;
};

/** Every key of the deployment. `fresh` skips the cache; `db` may be a transaction (rotation
 *  reads under its lock). Makes the first key on an empty table. */
export async function loadKeys(opts: { db?: Db; fresh?: boolean } = {}): Promise<LoadedKeys> {
  const env = envSigningKeys();
  if (env) return env;
  if (!subscribed) {
    subscribed = true;
    subscribeChanges([SIGNING_KEYS_CHANGED], () => (cache = new WeakMap()));
  }
  const root = await getDb();
  const hit = cache.get(root);
  if (!opts.fresh && hit && Date.now() - hit.at < CACHE_MS) return hit.keys;
  if (opts.fresh || opts.db) return read(root, opts.db ?? root);
  // Concurrent signers outside a transaction share one read.
  let p = inflight.get(root);
  if (!p) {
    p = read(root, root).finally(() => inflight.delete(root));
    inflight.set(root, p);
  }
  return p;
}

async function read(root: object, db: Db): Promise<LoadedKeys> {
  let rows = await readRows(db);
  if (!rows.length) {
    await createFirstKeys(db);
    rows = await readRows(db);
  }
  const keys = await toLoaded(db, rows, keyEncryptionKeys());
  cache.set(root, { at: Date.now(), keys });
  return keys;
}

const readRows = (db: Db): Promise<Row[]> =>
  db.signingKey.findMany({ orderBy: [{ createdAt: "desc" }, { kid: "asc" }] });

async function toLoaded(db: Db, rows: Row[], keks: Kek[]): Promise<LoadedKeys> {
  let sealError: string | undefined;
  const keys = await Promise.all(
    rows.map(async (r): Promise<StoredKey> => {
      let privateKey: string | null = null;
      if (r.sealedPrivate && !r.retiredAt) {
        const kek = keks.find((k) => k.id === r.kekId);
        if (!kek) {
          sealError = `The signing key ${r.kid} in the database was sealed with a key-encryption secret this instance does not have (${r.kekId}; this instance has ${keks.map((k) => `${k.id} from ${k.source}`).join(", ")}). Every instance needs the same BREAKWATER_KEY_ENCRYPTION_SECRET (or, without it, the same AUTH_SECRET).`;
        } else {
          privateKey = unsealPrivateKey(kek, r.kid, r.sealedPrivate);
          if (kek !== keks[0]) await reseal(db, r, keks[0], privateKey);
        }
      }
      return {
        kid: r.kid,
        publicKey: r.publicKey,
        privateKey,
        createdAt: r.createdAt.toISOString(),
        retiredAt: r.retiredAt?.toISOString() ?? null,
        publishUntil: r.publishUntil?.toISOString() ?? null,
        endorsements: (r.endorsements ?? []) as Endorsement[],
      };
    }),
  );
  return { keys, ...(sealError ? { sealError } : {}) };
}

// The operator configured a preferred secret after the key was sealed under another one this
// instance still holds: move it over, so instances holding only the preferred one can sign.
async function reseal(db: Db, r: Row, to: Kek, privateKey: string) {
  await db.signingKey.updateMany({
    where: { kid: r.kid, sealedPrivate: r.sealedPrivate },
    data: { sealedPrivate: sealPrivateKey(to, r.kid, privateKey), kekId: to.id },
  });
  logger.info("signing key re-sealed under the preferred key-encryption secret", {
    kid: r.kid,
    source: to.source,
  });
}

/** The row a StoredKey is stored as, its private half sealed (only the active key has one). */
export function rowOf(k: StoredKey, kek: Kek) {
  return {
    kid: k.kid,
    publicKey: k.publicKey,
    sealedPrivate: k.privateKey && !k.retiredAt ? sealPrivateKey(kek, k.kid, k.privateKey) : null,
    kekId: k.privateKey && !k.retiredAt ? kek.id : null,
    createdAt: new Date(k.createdAt),
    retiredAt: k.retiredAt ? new Date(k.retiredAt) : null,
    publishUntil: k.publishUntil ? new Date(k.publishUntil) : null,
    endorsements: (k.endorsements ?? []) as Prisma.InputJsonValue,
  };
}

async function createFirstKeys(db: Db) {
  const imported = await inTransaction(db, async (tx) => {
    await tx.$executeRawUnsafe(SIGNING_KEYS_LOCK_SQL);
    if (await tx.signingKey.count()) return false; // another instance made it while we waited
    // An existing deployment's key file: its agents pinned those keys, so they carry over.
    const legacy = readLegacyKeyFile();
    const keys = legacy?.keys.length
      ? legacy.keys
      : [newStoredKey(crypto.generateKeyPairSync("ed25519").privateKey, new Date().toISOString())];
    const kek = keyEncryptionKeys()[0];
    await tx.signingKey.createMany({ data: keys.map((k) => rowOf(k, kek)) });
    return Boolean(legacy);
  });
  // Only once the keys are committed in the database.
  if (imported) retireLegacyFile();
}

/**
 * At boot: an instance that still has a key file of its own from before keys were shared,
 * meeting a database whose keys another instance brought, adds its keys as retired (published
 * while commands they signed may be valid) and endorses the deployment's active key with its
 * own, so agents that pinned this instance's key follow to the shared one.
 */
export async function adoptLegacyKeys(db?: Db, now = new Date()) {
  if (envSigningKeys()) return;
  const legacy = readLegacyKeyFile();
  if (!legacy) return;
  db ??= await getDb();
  await inTransaction(db, async (tx) => {
    await tx.$executeRawUnsafe(SIGNING_KEYS_LOCK_SQL);
    const have = new Set(
      (await tx.signingKey.findMany({ select: { kid: true } })).map((r) => r.kid),
    );
    if (!have.size) return; // loadKeys imports the file whole into an empty table
    const mine = legacy.keys.filter((k) => !have.has(k.kid));
    const until = new Date(now.getTime() + maxCommandExpirySeconds() * 1000 + 60_000);
    await tx.signingKey.createMany({
      data: mine.map((k) => ({
        ...rowOf({ ...k, privateKey: null }, keyEncryptionKeys()[0]),
        retiredAt: k.retiredAt ? new Date(k.retiredAt) : now,
        publishUntil:
          k.publishUntil && Date.parse(k.publishUntil) > until.getTime()
            ? new Date(k.publishUntil)
            : until,
      })),
    });
    const signer = mine.find((k) => k.privateKey && !k.retiredAt);
    if (signer) await endorseActive(tx, signer);
  });
  retireLegacyFile();
  logger.info("carried this instance's old signing keys into the shared set", {
    kids: legacy.keys.map((k) => k.kid),
  });
}

async function endorseActive(tx: Tx, signer: StoredKey) {
  const active = await tx.signingKey.findFirst({ where: { retiredAt: null } });
  if (!active) return;
  const endorsement = signEndorsement(
    {
      kid: active.kid,
      publicKey: active.publicKey,
      notBefore: active.createdAt.toISOString(),
    },
    { kid: signer.kid, key: privateKeyObject(signer) },
  );
  await tx.signingKey.update({
    where: { kid: active.kid },
    data: { endorsements: [...((active.endorsements ?? []) as Endorsement[]), endorsement] },
  });
}

// The file's private halves must not outlive the import: keep its public record, wipe the rest.
function retireLegacyFile() {
  const file = legacyKeyFilePath();
  const legacy = readLegacyKeyFile();
  if (!legacy) return;
  const kept = { keys: legacy.keys.map((k) => ({ ...k, privateKey: null })) };
  fs.writeFileSync(`${file.replace(/\.json$/, "")}.imported.json`, JSON.stringify(kept, null, 2), {
    mode: 0o600,
  });
  fs.rmSync(file, { force: true });
}
