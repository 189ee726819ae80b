import "server-only";
import crypto from "node:crypto";
import type { Db } from "../db/index.ts";
import { logger } from "../log.ts";
import { canonicalJson } from "../protocol/canonical-json.ts";
import {
  findServerPublicKey,
  getActiveSigningKey,
  loadServerPublicKeys,
} from "../signing/server-keys.ts";

// Signed checkpoints of a hash chain's head. A hash chain alone proves only that what is there
// links up: deleting the last N entries, or rewriting everything and rehashing it consistently,
// leaves a chain that verifies. A checkpoint (chain, head seq, head hash) signed with the
// server's Ed25519 key pins the head: the chain must still reach that seq with that hash.

export type ChainHead = { seq: number; hash: string };
export type Checkpoint = {
  id: number;
  chain: string;
  headSeq: number;
  headHash: string;
  at: Date;
  kid: string;
  signature: string;
};
export type CheckpointBreak = { brokenSeq: number; reason: string };

// Domain separation: a checkpoint signature never verifies as a command or a key endorsement.
const PURPOSE = "breakwater.chain-checkpoint.v1";

const bytes = (c: { chain: string; headSeq: number; headHash: string; at: Date }) =>
  Buffer.from(
    canonicalJson({
      purpose: PURPOSE,
      chain: c.chain,
      headSeq: c.headSeq,
      headHash: c.headHash,
      at: c.at.toISOString(),
    }),
    "utf8",
  );

/** The checkpoint reaching furthest: only the server can sign one, so the highest is the bar.
 *  Also brings the public keys up to date, so checkCheckpoint knows every key that signed. */
export async function latestCheckpoint(db: Db, chain: string): Promise<Checkpoint | null> {
  await loadServerPublicKeys(db);
  return db.chainCheckpoint.findFirst({
    where: { chain },
    orderBy: [{ headSeq: "desc" }, { id: "desc" }],
  });
}

export function checkpointSignatureHolds(c: Checkpoint): boolean {
  const pub = findServerPublicKey(c.kid);
  try {
    return Boolean(
      pub && crypto.verify(null, bytes(c), pub, Buffer.from(c.signature, "base64url")),
    );
  } catch {
    return false;
  }
}

/**
 * Whether a chain whose entries link up still honours its checkpoint. `length` is how many
 * entries the walk found; `hashAt` the hash it found at the checkpoint's seq.
 */
export function checkCheckpoint(
  c: Checkpoint | null,
  length: number,
  hashAt: string | undefined,
): CheckpointBreak | null {
  if (!c) return null;
  if (!checkpointSignatureHolds(c))
    return {
      brokenSeq: c.headSeq,
      reason: `checkpoint ${c.id} does not carry a valid signature by a server key`,
    };
  if (length < c.headSeq)
    return {
      brokenSeq: length + 1,
      reason: `entries after seq ${length} are missing (checkpoint ${c.id} of ${c.at.toISOString()} covers up to seq ${c.headSeq})`,
    };
  if (hashAt !== c.headHash)
    return {
      brokenSeq: c.headSeq,
      reason: `chain rewritten since checkpoint ${c.id} of ${c.at.toISOString()}: entry ${c.headSeq} no longer has the hash it was checkpointed with`,
    };
  return null;
}

/** Signs and stores a checkpoint of `head`, unless the latest one already covers it. */
export async function writeCheckpoint(
  db: Db,
  chain: string,
  head: ChainHead,
  latest?: Checkpoint | null,
  now = new Date(),
): Promise<void> {
  if (latest && latest.headSeq >= head.seq) return;
  const { kid, key } = await getActiveSigningKey(db);
  const at = new Date(now.toISOString());
  const signature = crypto
    .sign(null, bytes({ chain, headSeq: head.seq, headHash: head.hash, at }), key)
    .toString("base64url");
  await db.chainCheckpoint.create({
    data: { chain, headSeq: head.seq, headHash: head.hash, at, kid, signature },
  });
}

/**
 * The timer's step: checkpoint the current head only if the chain still extends the latest
 * checkpoint (an O(1) check: the entry at its seq keeps its hash). A chain that was cut or
 * rewritten is never blessed with a fresh checkpoint; the next verify names the break.
 */
export async function checkpointIfExtended(
  db: Db,
  chain: string,
  head: ChainHead | null,
  hashAt: (seq: number) => Promise<string | undefined>,
  now = new Date(),
): Promise<boolean> {
  if (!head) return false;
  const latest = await latestCheckpoint(db, chain);
  if (latest && latest.headSeq >= head.seq) {
    if (latest.headSeq > head.seq)
      logger.error("hash chain is shorter than its checkpoint; run verify", {
        chain,
        headSeq: head.seq,
        checkpoint: latest.id,
      });
    return false;
  }
  if (latest) {
    const broken = checkCheckpoint(latest, head.seq, await hashAt(latest.headSeq));
    if (broken) {
      logger.error("hash chain no longer extends its checkpoint; run verify", {
        chain,
        checkpoint: latest.id,
        reason: broken.reason,
      });
      return false;
    }
  }
  await writeCheckpoint(db, chain, head, latest, now);
  return true;
}
