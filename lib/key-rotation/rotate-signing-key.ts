// Rotation is the one use case that needs both the key store (lib/signing) and the audit log,
// which signs its checkpoints with those keys: it sits above both so neither imports the other
// upward.
import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import { z } from "zod";
import type { Actor } from "../audit/actor.ts";
import { appendAudit, flushAudit, withAuditBatch } from "../audit/append-audit.ts";
import { getDb } from "../db/index.ts";
import type { Tx } from "../db/transaction.ts";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { signEndorsement } from "../protocol/key-endorsement.ts";
import { maxCommandExpirySeconds } from "../signing/command-validity.ts";
import {
  keyFilePath,
  loadKeys,
  newStoredKey,
  privateKeyObject,
  type StoredKey,
  writeKeyFile,
} from "../signing/key-file.ts";
import { publishedUntil } from "../signing/server-keys.ts";

// One rotation at a time across every process sharing the database: a transaction-scoped
// advisory lock, scoped to the schema like the audit lock. Without it two rotations each read
// the file, each add a key, and the last rename drops the other's key while commands it
// signed are in flight.
const ROTATE_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext(current_schema()), 72707371)`;

// A command signed from the key read just before the rotation landed can be issued a moment
// after retiredAt; its expiry is at most this much later than retiredAt + the longest validity.
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
 * and audits the rotation in the same transaction. The key file is written last, after the
 * audit entry, just before commit; if the commit fails the previous file is put back.
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
  let written: { before: string; after: string } | null = null;
  try {
    return await db.$transaction(
      (tx) =>
        withAuditBatch(tx, async () => {
          await tx.$executeRawUnsafe(ROTATE_LOCK_SQL);
          const now = opts.now ?? new Date();
          const current = loadKeys({ fresh: true }).keys;
          const before = fs.readFileSync(keyFilePath(), "utf8");
          const { keys, out } = await rotatedKeys(tx, current, now);
          await appendAudit(tx, {
            actor,
            action: "signing_key.rotated",
            target: { type: "signing_key", id: out.kid },
            details: out,
          });
          await flushAudit(tx);
          writeKeyFile({ keys });
          written = { before, after: fs.readFileSync(keyFilePath(), "utf8") };
          return out;
        }),
      { timeout: 20_000, maxWait: 15_000 },
    );
  } catch (e) {
    restoreIfStillOurs(written);
    throw e;
  }
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

function restoreIfStillOurs(written: { before: string; after: string } | null) {
  if (!written) return;
  try {
    // Only if no later rotation has replaced our write since (it would have read ours).
    if (fs.readFileSync(keyFilePath(), "utf8") === written.after)
      writeKeyFile(JSON.parse(written.before));
  } catch {
    // The file stays as written: a key that exists but was never audited is safer than one lost.
  }
}
