import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "../env.ts";
import { type Endorsement, signEndorsement } from "../protocol/key-endorsement.ts";

// The server's Ed25519 keys as values: how one is made, named (kid) and turned back into a
// KeyObject, and the two places keys come from besides the database (key-store.ts): the
// BREAKWATER_SIGNING_KEYS secret (comma-separated base64url 32-byte seeds, newest first; the
// first signs) and the key file older versions kept in the data directory. Every public key
// ever used is kept: chain checkpoints signed by it must stay verifiable and agents walk
// endorsement chains through it. A retired key's private half is wiped: it never signs again.

export type StoredKey = {
  kid: string;
  privateKey: string | null;
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
  /** Published to agents until then: the last command it signed has expired by that time. */
  publishUntil?: string | null;
  /** Signatures by the key that was active when this one was made (none for the first key). */
  endorsements?: Endorsement[];
};
export type KeyFile = { keys: StoredKey[] };

// PKCS#8 DER prefix for an Ed25519 private key; the 32-byte seed follows.
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export const kidFor = (rawPublic: Buffer) =>
  `bw-${crypto.createHash("sha256").update(rawPublic).digest("base64url").slice(0, 16)}`;

export const privateKeyObject = (k: StoredKey) =>
  crypto.createPrivateKey({
    key: Buffer.from(k.privateKey!, "base64url"),
    format: "der",
    type: "pkcs8",
  });

export function newStoredKey(priv: crypto.KeyObject, createdAt: string): StoredKey {
  const raw = Buffer.from(crypto.createPublicKey(priv).export({ format: "jwk" }).x!, "base64url");
  return {
    kid: kidFor(raw),
    privateKey: (priv.export({ format: "der", type: "pkcs8" }) as Buffer).toString("base64url"),
    publicKey: raw.toString("base64url"),
    createdAt,
    retiredAt: null,
    publishUntil: null,
    endorsements: [],
  };
}

/** Where keys lived before they moved into the database (one file per data directory); read
 *  once, to carry an existing deployment's keys over (key-store.ts). */
export const legacyKeyFilePath = () => path.join(dataDir(), "signing-keys.json");

export function readLegacyKeyFile(): KeyFile | null {
  try {
    return JSON.parse(fs.readFileSync(legacyKeyFilePath(), "utf8")) as KeyFile;
  } catch {
    return null;
  }
}

/** Seeds from the environment: each key is endorsed by the next (older) one, computed here
 *  because the server holds every seed. */
function envKeys(spec: string): KeyFile {
  const epoch = new Date(0).toISOString();
  const keys = spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s, i) => {
      const seed = Buffer.from(s, "base64url");
      if (seed.length !== 32)
        throw new Error("BREAKWATER_SIGNING_KEYS: each key must be 32 bytes, base64url");
      // Keys after the first are published but never sign; the operator removes them once expired.
      const k = newStoredKey(
        crypto.createPrivateKey({
          key: Buffer.concat([PKCS8_PREFIX, seed]),
          format: "der",
          type: "pkcs8",
        }),
        epoch,
      );
      return i === 0 ? k : { ...k, retiredAt: epoch, publishUntil: "9999-12-31T23:59:59.999Z" };
    });
  for (let i = 0; i + 1 < keys.length; i++)
    keys[i].endorsements = [
      signEndorsement(
        { ...keys[i], notBefore: epoch },
        { kid: keys[i + 1].kid, key: privateKeyObject(keys[i + 1]) },
      ),
    ];
  return { keys };
}

/** BREAKWATER_SIGNING_KEYS, parsed once; null when the keys are the database's. */
let fromEnv: KeyFile | undefined;
export function envSigningKeys(): KeyFile | null {
  if (!env.BREAKWATER_SIGNING_KEYS) return null;
  return (fromEnv ??= envKeys(env.BREAKWATER_SIGNING_KEYS));
}
