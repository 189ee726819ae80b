import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "../env.ts";

// The signing keys live in the database so every instance signs with, and publishes, the
// same set. Their private halves are sealed there with AES-256-GCM under a key-encryption
// key (KEK) that never touches the database: HKDF-SHA256 of a secret from the environment.
// The secret, in order of preference:
//   1. BREAKWATER_KEY_ENCRYPTION_SECRET — its own secret, so AUTH_SECRET can be rotated freely;
//   2. AUTH_SECRET — already required to be the same on every instance;
//   3. a random secret written once to the data directory — one instance, zero configuration.
// Each sealed row names its KEK by fingerprint, so a key sealed under a secret this instance
// does not have is a clear error at boot, not a wrong signature; and a row sealed under a
// secret this instance still has but no longer prefers (the operator set
// BREAKWATER_KEY_ENCRYPTION_SECRET later) is re-sealed under the preferred one.

export type Kek = { id: string; key: Buffer; source: string };

const SALT = Buffer.from("breakwater.signing-keys");
const INFO = Buffer.from("breakwater.signing-key-kek.v1");

function derive(secret: string, source: string): Kek {
  const key = Buffer.from(crypto.hkdfSync("sha256", secret, SALT, INFO, 32));
  const id = crypto
    .createHmac("sha256", key)
    .update("breakwater.kek-id.v1")
    .digest("base64url")
    .slice(0, 16);
  return { id, key, source };
}

const secretFile = () => path.join(dataDir(), "key-encryption-secret");

function readSecretFile(create: boolean): string | null {
  const file = secretFile();
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    if (!create) return null;
  }
  fs.mkdirSync(dataDir(), { recursive: true });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), {
      flag: "wx",
      mode: 0o600,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** The KEKs this instance holds, preferred first (new seals use it; the rest only unseal). */
export function keyEncryptionKeys(): Kek[] {
  const out: Kek[] = [];
  if (env.BREAKWATER_KEY_ENCRYPTION_SECRET)
    out.push(derive(env.BREAKWATER_KEY_ENCRYPTION_SECRET, "BREAKWATER_KEY_ENCRYPTION_SECRET"));
  if (env.AUTH_SECRET) out.push(derive(env.AUTH_SECRET, "AUTH_SECRET"));
  // The data-dir secret is made only when nothing else is configured, and read when present.
  const local = readSecretFile(out.length === 0);
  if (local) out.push(derive(local, secretFile()));
  return out;
}

/** Seals a PKCS#8 private key (base64url) for the row `kid`: the kid is bound in as
 *  associated data, so a sealed value copied onto another row does not open. */
export function sealPrivateKey(kek: Kek, kid: string, pkcs8: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv("aes-256-gcm", kek.key, iv);
  c.setAAD(Buffer.from(kid));
  const body = Buffer.concat([c.update(Buffer.from(pkcs8, "base64url")), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]).toString("base64url");
}

export function unsealPrivateKey(kek: Kek, kid: string, sealed: string): string {
  const raw = Buffer.from(sealed, "base64url");
  const d = crypto.createDecipheriv("aes-256-gcm", kek.key, raw.subarray(0, 12));
  d.setAAD(Buffer.from(kid));
  d.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString(
    "base64url",
  );
}
