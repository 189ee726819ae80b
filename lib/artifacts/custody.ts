import "server-only";
import type { Actor } from "../audit/actor.ts";
import { checkCheckpoint, latestCheckpoint, writeCheckpoint } from "../audit/checkpoint.ts";
import { GENESIS_HASH } from "../audit/hash-entry.ts";
import { type Db, getDb } from "../db/index.ts";
import type { Tx } from "../db/transaction.ts";
import { canonicalJson, sha256Hex } from "../protocol/canonical-json.ts";
import type { CustodyVerification } from "./schemas.ts";

/** Each artifact's custody chain has its own checkpoints under this name. */
export const custodyChain = (artifactId: string) => `custody:${artifactId}`;

export type CustodyAction =
  | "collected"
  | "received"
  | "verified"
  | "viewed"
  | "downloaded"
  | "hold_applied"
  | "hold_released"
  | "purged"
  | "deleted";

type Fields = {
  artifactId: string;
  seq: number;
  at: string;
  action: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  ip: string | null;
  details: unknown;
  prevHash: string;
};

// The artifact id is inside the hash, so an entry moved to another artifact's chain breaks too.
export function hashCustodyEntry(f: Fields): string {
  return sha256Hex(
    canonicalJson({
      artifactId: f.artifactId,
      seq: f.seq,
      at: f.at,
      action: f.action,
      actorType: f.actorType,
      actorId: f.actorId,
      actorLabel: f.actorLabel,
      ip: f.ip,
      details: f.details ?? {},
      prevHash: f.prevHash,
    }),
  );
}

/** Appends one link to an artifact's chain in the caller's transaction. The artifact row is
 *  locked first so two concurrent touches (two downloads) cannot fork the chain. */
export async function appendCustody(
  tx: Tx,
  artifactId: string,
  e: {
    action: CustodyAction;
    actor: Actor;
    ip?: string | null;
    details?: Record<string, unknown>;
    at?: Date;
  },
) {
  await tx.$queryRaw`SELECT "id" FROM "Artifact" WHERE "id" = ${artifactId} FOR NO KEY UPDATE`;
  const last = await tx.custodyEntry.findFirst({
    where: { artifactId },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const fields: Fields = {
    artifactId,
    seq: (last?.seq ?? 0) + 1,
    at: (e.at ?? new Date()).toISOString(),
    action: e.action,
    actorType: e.actor.type,
    actorId: e.actor.id ?? null,
    actorLabel: e.actor.label,
    ip: e.ip ?? null,
    details: JSON.parse(JSON.stringify(e.details ?? {})),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashCustodyEntry(fields);
  await tx.custodyEntry.create({
    data: { ...fields, details: fields.details as never, at: new Date(fields.at), hash },
  });
  return { seq: fields.seq, hash };
}

/** Recomputes an artifact's chain and names the first entry that does not hold, checks it
 *  still reaches its latest signed checkpoint, and checkpoints the head it verified. */
export async function verifyCustody(artifactId: string, db?: Db): Promise<CustodyVerification> {
  db ??= await getDb();
  const checkpoint = await latestCheckpoint(db, custodyChain(artifactId));
  const rows = await db.custodyEntry.findMany({ where: { artifactId }, orderBy: { seq: "asc" } });
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const r of rows) {
    const expected = count + 1;
    if (r.seq !== expected)
      return {
        ok: false,
        entries: count,
        brokenSeq: expected,
        reason: `entry ${expected} is missing`,
      };
    if (r.prevHash !== prevHash)
      return {
        ok: false,
        entries: count,
        brokenSeq: r.seq,
        reason: "previous-hash link does not match",
      };
    const recomputed = hashCustodyEntry({
      artifactId,
      seq: r.seq,
      at: r.at.toISOString(),
      action: r.action,
      actorType: r.actorType,
      actorId: r.actorId,
      actorLabel: r.actorLabel,
      ip: r.ip,
      details: r.details,
      prevHash: r.prevHash,
    });
    if (recomputed !== r.hash)
      return {
        ok: false,
        entries: count,
        brokenSeq: r.seq,
        reason: "content does not match its hash",
      };
    prevHash = r.hash;
    count++;
  }
  const broken = checkCheckpoint(
    checkpoint,
    count,
    checkpoint ? rows[checkpoint.headSeq - 1]?.hash : undefined,
  );
  if (broken) return { ok: false, entries: count, ...broken };
  // Every artifact is born with collected/received/verified: an empty chain was emptied.
  if (count === 0) return { ok: false, entries: 0, brokenSeq: 1, reason: "the chain is empty" };
  await writeCheckpoint(db, custodyChain(artifactId), { seq: count, hash: prevHash }, checkpoint);
  return { ok: true, entries: count };
}

export type CustodyReport = {
  artifacts: number;
  entries: number;
  broken: { artifactId: string; filename: string; brokenSeq: number; reason: string }[];
};

/** Every artifact's chain (for `npm run custody:verify`). */
export async function verifyAllCustody(db?: Db): Promise<CustodyReport> {
  db ??= await getDb();
  const report: CustodyReport = { artifacts: 0, entries: 0, broken: [] };
  let cursor: string | undefined;
  for (;;) {
    const page = await db.artifact.findMany({
      orderBy: { id: "asc" },
      take: 500,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, filename: true },
    });
    if (!page.length) return report;
    for (const a of page) {
      const v = await verifyCustody(a.id, db);
      report.artifacts++;
      report.entries += v.entries;
      if (!v.ok)
        report.broken.push({
          artifactId: a.id,
          filename: a.filename,
          brokenSeq: v.brokenSeq,
          reason: v.reason,
        });
    }
    cursor = page[page.length - 1].id;
  }
}
