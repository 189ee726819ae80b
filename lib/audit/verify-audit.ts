import "server-only";
import type { Db } from "../db/index.ts";
import { getDb } from "../db/index.ts";
import { checkCheckpoint, latestCheckpoint, writeCheckpoint } from "./checkpoint.ts";
import { GENESIS_HASH, hashAuditEntry } from "./hash-entry.ts";

export const AUDIT_CHAIN = "audit";

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenSeq: number; reason: string };

/** Walks the chain in seq order and names the first entry whose link does not hold; then
 *  checks the chain still reaches the latest signed checkpoint with the same hash, and if all
 *  holds, checkpoints the head it verified. */
export async function verifyAudit(db?: Db, pageSize = 2000): Promise<AuditVerification> {
  db ??= await getDb();
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
      if (r.seq !== expectedSeq) {
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
          brokenSeq: r.seq,
          reason: "previous-hash link does not match",
        };
      }
      const recomputed = hashAuditEntry({
        seq: r.seq,
        at: r.at.toISOString(),
        actorType: r.actorType,
        actorId: r.actorId,
        actorLabel: r.actorLabel,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        details: r.details,
        prevHash: r.prevHash,
      });
      if (recomputed !== r.hash) {
        return {
          ok: false,
          entries: count,
          brokenSeq: r.seq,
          reason: "content does not match its hash",
        };
      }
      if (r.seq === checkpoint?.headSeq) hashAtCheckpoint = r.hash;
      prevHash = r.hash;
      expectedSeq++;
      count++;
    }
  }
}
