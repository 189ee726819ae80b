import "server-only";
import type { Db } from "../db/index.ts";
import { getDb } from "../db/index.ts";
import { logger } from "../log.ts";
import { checkCheckpoint, latestCheckpoint, writeCheckpoint } from "./checkpoint.ts";
import { GENESIS_HASH, hashAuditEntry } from "./hash-entry.ts";
import { sealAllAudit } from "./seal-audit.ts";

export const AUDIT_CHAIN = "audit";

/** Entries not chained yet: their transactions committed after the seal below, or no sealer
 *  is running. `oldestUnsealedSeconds` is the age of the oldest, null when none. */
export type Unsealed = { unsealed: number; oldestUnsealedSeconds: number | null };

type Walked =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenSeq: number; reason: string };

export type AuditVerification = Unsealed & Walked;

/** Seals what is sealable, then walks the sealed chain in seq order and names the first entry
 *  whose link does not hold; then checks the chain still reaches the latest signed checkpoint
 *  with the same hash, and if all holds, checkpoints the head it verified. */
export async function verifyAudit(db?: Db, pageSize = 2000): Promise<AuditVerification> {
  db ??= await getDb();
  // A round that cannot seal (a constraint someone broke by hand) must not hide what the walk
  // finds: the walk and the unsealed count still say what is wrong.
  await sealAllAudit(db).catch((error) =>
    logger.error("audit seal before verify failed", { error }),
  );
  const walked = await walkChain(db, pageSize);
  return { ...walked, ...(await unsealedEntries(db)) };
}

export async function unsealedEntries(db: Db, now = Date.now()): Promise<Unsealed> {
  const r = await db.auditEntry.aggregate({
    where: { seq: null },
    _count: { _all: true },
    _min: { at: true },
  });
  const oldest = r._min.at;
  return {
    unsealed: r._count._all,
    oldestUnsealedSeconds: oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : null,
  };
}

async function walkChain(db: Db, pageSize: number): Promise<Walked> {
  // Read before the walk: entries appended meanwhile only lengthen the chain past it.
  const checkpoint = await latestCheckpoint(db, AUDIT_CHAIN);
  let hashAtCheckpoint: string | undefined;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db.auditEntry.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: pageSize,
    });
    if (rows.length === 0) {
      const broken = checkCheckpoint(checkpoint, count, hashAtCheckpoint);
      if (broken) return { ok: false, entries: count, ...broken };
      if (count > 0)
        await writeCheckpoint(db, AUDIT_CHAIN, { seq: count, hash: prevHash }, checkpoint);
      return { ok: true, entries: count };
    }
    for (const r of rows) {
      const seq = r.seq ?? 0; // the query asked for seq >= expectedSeq: never null here
      if (seq !== expectedSeq) {
        return {
          ok: false,
          entries: count,
          brokenSeq: expectedSeq,
          reason: `entry ${expectedSeq} is missing`,
        };
      }
      if (r.prevHash !== prevHash) {
        return {
          ok: false,
          entries: count,
          brokenSeq: seq,
          reason: "previous-hash link does not match",
        };
      }
      const recomputed = hashAuditEntry({
        seq,
        at: r.at.toISOString(),
        actorType: r.actorType,
        actorId: r.actorId,
        actorLabel: r.actorLabel,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        details: r.details,
        prevHash,
      });
      if (recomputed !== r.hash) {
        return {
          ok: false,
          entries: count,
          brokenSeq: seq,
          reason: "content does not match its hash",
        };
      }
      if (seq === checkpoint?.headSeq) hashAtCheckpoint = recomputed;
      prevHash = recomputed;
      expectedSeq++;
      count++;
    }
  }
}
