import "server-only";
import type { Tx } from "../db/transaction.ts";
import { getDb, type Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { actorOfUser } from "../audit/actor.ts";
import type { SessionUser } from "../auth/current-user.ts";
import { ARTIFACT_KINDS, DEFAULT_RETENTION_DAYS, retentionUpdateSchema, type ArtifactKind } from "./schemas.ts";

const DAY_MS = 86_400_000;

export type RetentionRow = { kind: ArtifactKind; days: number; isDefault: boolean; updatedAt: string | null };

export async function listRetention(db?: Db): Promise<RetentionRow[]> {
  db ??= await getDb();
  const rows = await db.retentionPolicy.findMany({ select: { kind: true, days: true, updatedAt: true } });
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return ARTIFACT_KINDS.map((kind) => {
    const r = byKind.get(kind);
    return r ? { kind, days: r.days, isDefault: false, updatedAt: r.updatedAt.toISOString() } : { kind, days: DEFAULT_RETENTION_DAYS[kind], isDefault: true, updatedAt: null };
  });
}

/** expiresAt is fixed when the artifact is collected: a later policy change does not move it. */
export async function computeExpiresAt(tx: Tx, kind: ArtifactKind, collectedAt: Date): Promise<Date> {
  const row = await tx.retentionPolicy.findUnique({ where: { kind }, select: { days: true } });
  return new Date(collectedAt.getTime() + (row?.days ?? DEFAULT_RETENTION_DAYS[kind]) * DAY_MS);
}

export async function updateRetention(raw: unknown, user: SessionUser, db?: Db): Promise<RetentionRow[]> {
  const input = retentionUpdateSchema.parse(raw);
  await inTransaction(db, async (tx) => {
    const before = await tx.retentionPolicy.findMany({ select: { kind: true, days: true } });
    const prev = new Map(before.map((b) => [b.kind, b.days]));
    for (const p of input.policies) {
      const now = new Date();
      await tx.retentionPolicy.upsert({ where: { kind: p.kind }, create: { kind: p.kind, days: p.days, updatedById: user.id, updatedAt: now }, update: { days: p.days, updatedById: user.id, updatedAt: now } });
    }
    await appendAudit(tx, {
      actor: actorOfUser(user),
      action: "artifacts.retention_updated",
      target: { type: "retention_policy", id: "artifacts" },
      details: { changes: input.policies.map((p) => ({ kind: p.kind, from: prev.get(p.kind) ?? DEFAULT_RETENTION_DAYS[p.kind], to: p.days })) },
    });
  });
  return listRetention(db);
}
