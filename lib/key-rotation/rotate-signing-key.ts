// Rotation is the one use case that needs both the key store (lib/signing) and the audit log,
// which signs its checkpoints with those keys: it sits above both so neither imports the other
// upward.
import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { noteChange } from "../db/change-feed.ts";
import { getDb } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { signEndorsement } from "../protocol/key-endorsement.ts";
import { maxCommandExpirySeconds } from "../signing/command-validity.ts";
import { newStoredKey, privateKeyObject, type StoredKey } from "../signing/key-material.ts";
import { keyEncryptionKeys } from "../signing/key-sealing.ts";
import {
  loadKeys,
  rowOf,
  SIGNING_KEYS_CHANGED,
  SIGNING_KEYS_LOCK_SQL,
} from "../signing/key-store.ts";
import { publishedUntil } from "../signing/server-keys.ts";

// A command signed from the key read just before the rotation landed can be issued a moment
// after retiredAt (another instance's cached key, at most key-store's cache age old); its expiry
// is at most this much later than retiredAt + the longest validity.
const SIGNING_GRACE_MS = 60_000;

/** POST /signing-keys/rotate: `body` must be exactly { "confirm": "rotate" } — an explicit
 *  confirmation, because rotation is not something a stray POST should do. */
/** The body of POST /api/v1/signing-keys/rotate: an explicit confirmation, never an empty post. */
export const rotateSigningKeyInput = z.object({ confirm: z.literal("rotate") }).strict();

export async function rotateSigningKeyFromBody(
  body: unknown,
  actor: Actor,
): Promise<RotationResult> {
  if (!rotateSigningKeyInput.safeParse(body).success) {
    throw new AppError("invalid_input", 'Send { "confirm": "rotate" } to rotate the signing key.', {
      errors: [{ path: "confirm", message: 'must be "rotate"' }],
    });
  }
  return rotateSigningKey(actor);
}

export type RotationResult = { kid: string; retired: string[] };

/**
 * Adds a new signing key endorsed by the current one, retires the current one (its private
 * half is wiped; its public half stays published until the last command it signed expired)
 * and audits the rotation, all in one transaction on the deployment's key table, under a lock
 * that serialises rotations across every instance. On commit every instance drops its cached
 * signing key (change feed, carried by the cluster bus) and signs with the new one.
 */
export async function rotateSigningKey(
  actor: Actor,
  opts: { db?: PrismaClient; now?: Date } = {},
): Promise<RotationResult> {
  if (env.BREAKWATER_SIGNING_KEYS) {
    throw new AppError(
      "conflict",
      "Signing keys come from BREAKWATER_SIGNING_KEYS: rotate by prepending a new seed there.",
    );
  }
  const db = opts.db ?? (await getDb());
  return inTransaction(db, async (tx) => {
    await tx.$executeRawUnsafe(SIGNING_KEYS_LOCK_SQL);
    const now = opts.now ?? new Date();
    const current = await loadKeys({ db: tx, fresh: true });
    if (current.sealError) throw new AppError("internal", current.sealError);
    const { keys, out } = await rotatedKeys(tx, current.keys, now);
    const kek = keyEncryptionKeys()[0];
    const [fresh, ...rest] = keys;
    for (const k of rest) {
      const { kid, ...data } = rowOf(k, kek);
      await tx.signingKey.update({ where: { kid }, data });
    }
    await tx.signingKey.create({ data: rowOf(fresh, kek) });
    await appendAudit(tx, {
      actor,
      action: "signing_key.rotated",
      target: { type: "signing_key", id: out.kid },
      details: out,
    });
    noteChange(tx, SIGNING_KEYS_CHANGED);
    return out;
  });
}

async function rotatedKeys(tx: Tx, current: StoredKey[], now: Date) {
  const lastExpiry = await lastCommandExpiry(
    tx,
    current.filter((k) => publishedUntil(k) > now.getTime()).map((k) => k.kid),
  );
  const floor = now.getTime() + maxCommandExpirySeconds() * 1000 + SIGNING_GRACE_MS;
  const active = current.find((k) => !k.retiredAt && k.privateKey);
  const retired: string[] = [];
  const keys = current.map((k): StoredKey => {
    const last = (lastExpiry.get(k.kid) ?? 0) + SIGNING_GRACE_MS;
    if (!k.retiredAt) {
      retired.push(k.kid);
      return {
        ...k,
        privateKey: null,
        retiredAt: now.toISOString(),
        publishUntil: new Date(Math.max(floor, last)).toISOString(),
      };
    }
    // Never shorten a publication window; lengthen it if a command outlives it.
    const until = publishedUntil(k);
    return {
      ...k,
      privateKey: null,
      publishUntil: new Date(Math.max(until, until > now.getTime() ? last : 0)).toISOString(),
    };
  });
  const fresh = newStoredKey(crypto.generateKeyPairSync("ed25519").privateKey, now.toISOString());
  if (active)
    fresh.endorsements = [
      signEndorsement(
        { ...fresh, notBefore: fresh.createdAt },
        { kid: active.kid, key: privateKeyObject(active) },
      ),
    ];
  return { keys: [fresh, ...keys], out: { kid: fresh.kid, retired } };
}

async function lastCommandExpiry(tx: Tx, kids: string[]): Promise<Map<string, number>> {
  if (!kids.length) return new Map();
  const rows = await tx.command.groupBy({
    by: ["kid"],
    where: { kid: { in: kids } },
    _max: { expiresAt: true },
  });
  return new Map(rows.map((r) => [r.kid!, r._max.expiresAt?.getTime() ?? 0]));
}
