import "server-only";
import crypto from "node:crypto";
import type { Db } from "../db/index.ts";
import {
  type EndorsableKey,
  type Endorsement,
  ed25519PublicKey,
} from "../protocol/key-endorsement.ts";
import { maxCommandExpirySeconds } from "./command-validity.ts";
import { privateKeyObject, type StoredKey } from "./key-material.ts";
import { loadKeys } from "./key-store.ts";

// The server's Ed25519 signing keys as the rest of the server sees them: the one that signs,
// the public ones agents verify commands with, and every public key ever used (to verify old
// chain checkpoints and to let agents walk endorsement chains). Storage: key-store.ts;
// rotation: lib/key-rotation/rotate-signing-key.ts.

/** The protocol's ServerKey as the server publishes it: always with its endorsements list. */
export type PublicServerKey = EndorsableKey & { endorsements: Endorsement[] };
type SigningKey = { kid: string; key: crypto.KeyObject };

/** When a retired key stops being published. Keys retired before publishUntil existed fall
 *  back to the longest command validity after retirement. */
export function publishedUntil(k: StoredKey): number {
  if (!k.retiredAt) return Infinity;
  if (k.publishUntil) return Date.parse(k.publishUntil);
  return Date.parse(k.retiredAt) + maxCommandExpirySeconds() * 1000;
}

const toPublic = (k: StoredKey): PublicServerKey => ({
  kid: k.kid,
  alg: "Ed25519",
  publicKey: k.publicKey,
  notBefore: k.createdAt,
  endorsements: k.endorsements ?? [],
});

// Every public key seen, for findServerPublicKey's synchronous look-up. Keys are never
// deleted, so a ring that only grows is never wrong; loadServerPublicKeys brings it up to date.
const ring = new Map<string, string>();
async function load(opts: { db?: Db; fresh?: boolean }) {
  const keys = await loadKeys(opts);
  for (const k of keys.keys) ring.set(k.kid, k.publicKey);
  return keys;
}

/** Public keys agents verify commands with: the active one plus retired ones whose commands may still be valid. */
export async function listPublicServerKeys(now = new Date(), db?: Db): Promise<PublicServerKey[]> {
  return (await load({ db, fresh: true })).keys
    .filter((k) => publishedUntil(k) > now.getTime())
    .map(toPublic);
}

/** Keys that no longer verify commands but link an agent's older pinned key to the current one. */
export async function listRetiredServerKeys(now = new Date(), db?: Db): Promise<PublicServerKey[]> {
  return (await load({ db, fresh: true })).keys
    .filter((k) => publishedUntil(k) <= now.getTime())
    .map(toPublic);
}

/** The key that signs new commands and chain checkpoints: the deployment's, on every instance. */
export async function getActiveSigningKey(db?: Db): Promise<SigningKey> {
  const keys = await load({ db });
  const k = keys.keys.find((x) => !x.retiredAt && x.privateKey);
  if (!k) throw new Error(keys.sealError ?? "no active signing key");
  return { kid: k.kid, key: privateKeyObject(k) };
}

/** Brings findServerPublicKey up to date (before verifying a chain's checkpoints). */
export async function loadServerPublicKeys(db?: Db): Promise<void> {
  await load({ db, fresh: true });
}

/** Any key this deployment ever signed with, retired or not, for verifying what it signed. */
export function findServerPublicKey(kid: string): crypto.KeyObject | null {
  const k = ring.get(kid);
  return k ? ed25519PublicKey(k) : null;
}
