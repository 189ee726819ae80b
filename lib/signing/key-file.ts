import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "../env.ts";
import { type Endorsement, signEndorsement } from "../protocol/key-endorsement.ts";

// Where the server's Ed25519 keys live: the BREAKWATER_SIGNING_KEYS secret (comma-separated
// base64url 32-byte seeds, newest first; the first signs) or, by default, a key file in the
// data directory (mode 0600) created on first start. Every public key ever used stays in the
// file: chain checkpoints signed by it must stay verifiable and agents walk endorsement chains
// through it. A retired key's private half is wiped at retirement: it never signs again.

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

export const keyFilePath = () => path.join(dataDir(), "signing-keys.json");
// A cache, checked against the file's stamp on every read, so one copy per module graph is fine.
let cached: { stamp: string; file: KeyFile } | undefined;
let fromEnv: KeyFile | undefined;

export function writeKeyFile(file: KeyFile) {
  const p = keyFilePath();
  fs.mkdirSync(path.dirname(p), { recursive: true });
  // Write-then-rename so a crash never leaves a half-written key file.
  const tmp = `${p}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(file, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, p);
  cached = undefined;
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

/** The current keys. `fresh` skips the in-process cache (rotation reads under its lock). */
export function loadKeys(opts: { fresh?: boolean } = {}): KeyFile {
  if (env.BREAKWATER_SIGNING_KEYS) return (fromEnv ??= envKeys(env.BREAKWATER_SIGNING_KEYS));
  const p = keyFilePath();
  let stat = statOrNull(p);
  if (!stat) {
    const created: KeyFile = {
      keys: [
        newStoredKey(crypto.generateKeyPairSync("ed25519").privateKey, new Date().toISOString()),
      ],
    };
    try {
      // wx: if another process created it first, use theirs.
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, JSON.stringify(created, null, 2), { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    stat = fs.statSync(p);
  }
  // Every write renames a new inode into place, so the inode tells another process's write
  // apart even when both land within one mtime tick.
  const stamp = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  if (!opts.fresh && cached?.stamp === stamp) return cached.file;
  const file = JSON.parse(fs.readFileSync(p, "utf8")) as KeyFile;
  cached = { stamp, file };
  return file;
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}
