import "server-only";
import { type Db, getDb } from "../db/index.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { type AuditFields, GENESIS_HASH, hashAuditEntry } from "./hash-entry.ts";

// The sealer: chains committed, unsealed audit entries after the chain's head, in one
// transaction per round. Why it cannot fork or skip (docs/AUDIT.md):
// - One sealer at a time: a sealer-only advisory lock (writers never take it). Under READ
//   COMMITTED every statement after the lock sees every seal committed before it, so the
//   head read is the real head. The unique seq index and `WHERE seq IS NULL` in the UPDATE
//   are the backstop: a second seal of a row, or a second row at a seq, aborts the round.
// - Work is found by `seq IS NULL`, never by a cursor: an entry whose transaction commits
//   after a round (however early it was inserted) is still unsealed at the next one. Entries
//   of transactions still open are invisible to the round, so nothing uncommitted is sealed.
const SEALER_LOCK = `hashtext(current_schema()), 72707371`;
export const SEAL_BATCH = 5000;

// The hashed fields as stored: `at` is read back as a Date; seq and prevHash are assigned here.
type Unsealed = Omit<AuditFields, "seq" | "at" | "prevHash"> & { id: bigint; at: Date };

export type SealRound = { sealed: number; headSeq: number; busy: boolean };

/**
 * One round: seals up to `limit` committed entries, oldest insertion first. `wait` blocks for
 * a sealer already running (verify wants everything committed before it sealed); the
 * background loop passes false and leaves the round to whoever holds the lock.
 */
export async function sealAudit(
  db?: Db,
  opts: { wait?: boolean; limit?: number } = {},
): Promise<SealRound> {
  const client = db ?? (await getDb());
  const run = (tx: Prisma.TransactionClient) => sealIn(tx, opts.wait ?? false, opts.limit);
  // A transaction client (a test's, or verify's caller's) seals inside it; the root opens one.
  if (typeof (client as { $connect?: unknown }).$connect !== "function") return run(client);
  return (client as Extract<Db, { $connect: unknown }>).$transaction(run, {
    // Explicit: under a REPEATABLE READ default the snapshot would predate the lock.
    isolationLevel: "ReadCommitted",
    // A busy pool (a fleet stampede) must not fail the round after Prisma's default 2 s.
    maxWait: 10_000,
    timeout: 60_000,
  });
}

/** Rounds until nothing sealable is left (verify, the bench). */
export async function sealAllAudit(db?: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await sealAudit(db, { wait: true });
    total += r.sealed;
    if (r.sealed < SEAL_BATCH) return total;
  }
}

async function sealIn(
  tx: Prisma.TransactionClient,
  wait: boolean,
  limit = SEAL_BATCH,
): Promise<SealRound> {
  if (wait) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEALER_LOCK})`);
  else {
    const [lock] = await tx.$queryRawUnsafe<{ ok: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(${SEALER_LOCK}) AS ok`,
    );
    if (!lock.ok) return { sealed: 0, headSeq: 0, busy: true };
  }
  const [head] = await tx.$queryRawUnsafe<{ seq: number; hash: string }[]>(
    `SELECT "seq", "hash" FROM "AuditEntry" WHERE "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1`,
  );
  const rows = await tx.$queryRawUnsafe<Unsealed[]>(
    `SELECT "id", "at", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId", "details"
     FROM "AuditEntry" WHERE "seq" IS NULL ORDER BY "id" LIMIT $1`,
    limit,
  );
  let seq = head?.seq ?? 0;
  if (rows.length === 0) return { sealed: 0, headSeq: seq, busy: false };
  let prevHash = head?.hash ?? GENESIS_HASH;
  const ids: string[] = [];
  const seqs: number[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  for (const r of rows) {
    const fields = { ...r, seq: ++seq, at: r.at.toISOString(), prevHash };
    ids.push(String(r.id));
    seqs.push(seq);
    prevs.push(prevHash);
    prevHash = hashAuditEntry(fields);
    hashes.push(prevHash);
  }
  const n = await tx.$executeRawUnsafe(
    `UPDATE "AuditEntry" AS a
     SET "seq" = u.seq, "prevHash" = u.prev, "hash" = u.hash, "sealedAt" = clock_timestamp()
     FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[]) AS u(id, seq, prev, hash)
     WHERE a."id" = u.id AND a."seq" IS NULL`,
    ids,
    seqs,
    prevs,
    hashes,
  );
  // Only a second sealer could have got there first; throwing rolls this round back whole.
  if (n !== rows.length) throw new Error(`audit sealer: sealed ${n} of ${rows.length} entries`);
  return { sealed: n, headSeq: seq, busy: false };
}
