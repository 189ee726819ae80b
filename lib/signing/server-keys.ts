import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env, dataDir } from "../env.ts";
import { maxCommandExpirySeconds } from "../commands/config.ts";
import { AppError } from "../http/app-error.ts";

// The server's Ed25519 command-signing keys. Either from the BREAKWATER_SIGNING_KEYS secret
// (comma-separated base64url 32-byte seeds, first one signs) or, by default, a key file in the
// data directory created on first start (mode 0600). Rotation adds a key and retires the old
// one; a retired public key stays published until every command it could have signed has
// expired, so agents can still verify commands already in flight.

export type PublicServerKey = { kid: string; alg: "Ed25519"; publicKey: string };
type StoredKey = { kid: string; privateKey: string; publicKey: string; createdAt: string; retiredAt: string | null };
type KeyFile = { keys: StoredKey[] };
type SigningKey = { kid: string; key: crypto.KeyObject };

// PKCS#8 DER prefix for an Ed25519 private key; the 32-byte seed follows.
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

const kidFor = (rawPublic: Buffer) => `bw-${crypto.createHash("sha256").update(rawPublic).digest("base64url").slice(0, 16)}`;

function fromSeed(seed: Buffer, createdAt: string, retiredAt: string | null): StoredKey {
  if (seed.length !== 32) throw new Error("BREAKWATER_SIGNING_KEYS: each key must be 32 bytes, base64url");
  const priv = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
  return toStored(priv, createdAt, retiredAt);
}

function toStored(priv: crypto.KeyObject, createdAt: string, retiredAt: string | null): StoredKey {
  const raw = Buffer.from(crypto.createPublicKey(priv).export({ format: "jwk" }).x!, "base64url");
  return {
    kid: kidFor(raw),
    privateKey: (priv.export({ format: "der", type: "pkcs8" }) as Buffer).toString("base64url"),
    publicKey: raw.toString("base64url"),
    createdAt,
    retiredAt,
  };
}

const keyFilePath = () => path.join(dataDir(), "signing-keys.json");
const g = globalThis as unknown as { __bwKeys?: { mtimeMs: number; file: KeyFile } };

function writeKeyFile(file: KeyFile) {
  const p = keyFilePath();
  fs.mkdirSync(path.dirname(p), { recursive: true });
  // Write-then-rename so a crash never leaves a half-written key file.
  const tmp = `${p}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(file, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, p);
}

function loadKeys(): KeyFile {
  if (env.BREAKWATER_SIGNING_KEYS) {
    const seeds = env.BREAKWATER_SIGNING_KEYS.split(",").map((s) => s.trim()).filter(Boolean);
    const epoch = new Date(0).toISOString();
    // Keys after the first are published but never sign; the operator removes them once expired.
    return { keys: seeds.map((s, i) => fromSeed(Buffer.from(s, "base64url"), epoch, i === 0 ? null : epoch)) };
  }
  const p = keyFilePath();
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(p);
  } catch {
    stat = undefined;
  }
  if (!stat) {
    const { privateKey } = crypto.generateKeyPairSync("ed25519");
    const created: KeyFile = { keys: [toStored(privateKey, new Date().toISOString(), null)] };
    try {
      // wx: if another process created it first, use theirs.
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, JSON.stringify(created, null, 2), { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    stat = fs.statSync(p);
  }
  if (g.__bwKeys && g.__bwKeys.mtimeMs === stat.mtimeMs) return g.__bwKeys.file;
  const file = JSON.parse(fs.readFileSync(p, "utf8")) as KeyFile;
  g.__bwKeys = { mtimeMs: stat.mtimeMs, file };
  return file;
}

function stillPublished(k: StoredKey, now: Date): boolean {
  if (!k.retiredAt) return true;
  if (env.BREAKWATER_SIGNING_KEYS) return true;
  return new Date(k.retiredAt).getTime() + maxCommandExpirySeconds() * 1000 > now.getTime();
}

/** Public keys agents need: the active one plus retired ones whose commands may still be valid. */
export async function listPublicServerKeys(now = new Date()): Promise<PublicServerKey[]> {
  return loadKeys()
    .keys.filter((k) => stillPublished(k, now))
    .map((k) => ({ kid: k.kid, alg: "Ed25519" as const, publicKey: k.publicKey }));
}

/** The key that signs new commands. */
export async function getActiveSigningKey(): Promise<SigningKey> {
  const k = loadKeys().keys.find((x) => !x.retiredAt);
  if (!k) throw new Error("no active signing key");
  return { kid: k.kid, key: crypto.createPrivateKey({ key: Buffer.from(k.privateKey, "base64url"), format: "der", type: "pkcs8" }) };
}

/** Adds a new signing key and retires the current one (still published until its commands expire). */
export async function rotateSigningKey(now = new Date()): Promise<{ kid: string; retired: string[] }> {
  if (env.BREAKWATER_SIGNING_KEYS) {
    throw new AppError("conflict", "Signing keys come from BREAKWATER_SIGNING_KEYS: rotate by prepending a new seed there.");
  }
  const file = loadKeys();
  const retired: string[] = [];
  const keys = file.keys.map((k) => {
    if (k.retiredAt) return k;
    retired.push(k.kid);
    return { ...k, retiredAt: now.toISOString() };
  });
  const { privateKey } = crypto.generateKeyPairSync("ed25519");
  const fresh = toStored(privateKey, now.toISOString(), null);
  // Drop long-expired retired keys so the file does not grow forever.
  writeKeyFile({ keys: [fresh, ...keys.filter((k) => stillPublished(k, now))] });
  g.__bwKeys = undefined;
  return { kid: fresh.kid, retired };
}
