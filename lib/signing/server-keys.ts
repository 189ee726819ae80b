import "server-only";
import crypto from "node:crypto";
import {
  type EndorsableKey,
  type Endorsement,
  ed25519PublicKey,
} from "../protocol/key-endorsement.ts";
import { maxCommandExpirySeconds } from "./command-validity.ts";
import { loadKeys, privateKeyObject, type StoredKey } from "./key-file.ts";

// The server's Ed25519 signing keys as the rest of the server sees them: the one that signs,
// the public ones agents verify commands with, and every public key ever used (to verify old
// chain checkpoints and to let agents walk endorsement chains). Rotation: lib/key-rotation/rotate-signing-key.ts.

/** The protocol's ServerKey as the server publishes it: always with its endorsements list. */
export type PublicServerKey = EndorsableKey & { endorsements: Endorsement[] };
type SigningKey = { kid: string; key: crypto.KeyObject };

/** When a retired key stops being published. Files written before publishUntil existed fall
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

/** Public keys agents verify commands with: the active one plus retired ones whose commands may still be valid. */
export async function listPublicServerKeys(now = new Date()): Promise<PublicServerKey[]> {
  return loadKeys()
    .keys.filter((k) => publishedUntil(k) > now.getTime())
    .map(toPublic);
}

/** Keys that no longer verify commands but link an agent's older pinned key to the current one. */
export async function listRetiredServerKeys(now = new Date()): Promise<PublicServerKey[]> {
  return loadKeys()
    .keys.filter((k) => publishedUntil(k) <= now.getTime())
    .map(toPublic);
}

/** The key that signs new commands and chain checkpoints. */
export async function getActiveSigningKey(): Promise<SigningKey> {
  const k = loadKeys().keys.find((x) => !x.retiredAt && x.privateKey);
  if (!k) throw new Error("no active signing key");
  return { kid: k.kid, key: privateKeyObject(k) };
}

/** Any key this server ever signed with, retired or not, for verifying what it signed. */
export function findServerPublicKey(kid: string): crypto.KeyObject | null {
  const k = loadKeys().keys.find((x) => x.kid === kid);
  return k ? ed25519PublicKey(k.publicKey) : null;
}
