import "server-only";
import { z } from "zod";
import { safeText } from "../http/safe-schemas.ts";
import { getDb, type Db } from "../db/index.ts";

export const listAuditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  action: safeText().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type AuditEntryDto = {
  seq: number;
  at: Date;
  actorType: string;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  hash: string;
};

export async function listAudit(raw: unknown, db?: Db): Promise<{ entries: AuditEntryDto[]; nextBefore: number | null }> {
  const q = listAuditQuery.parse(raw);
  db ??= await getDb();
  const entries = await db.auditEntry.findMany({
    where: { ...(q.before ? { seq: { lt: q.before } } : {}), ...(q.action ? { action: { startsWith: q.action } } : {}) },
    orderBy: { seq: "desc" },
    take: q.limit,
    select: { seq: true, at: true, actorType: true, actorLabel: true, action: true, targetType: true, targetId: true, details: true, hash: true },
  });
  return { entries, nextBefore: entries.length === q.limit ? entries[entries.length - 1].seq : null };
}
