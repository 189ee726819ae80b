import "server-only";
import { z } from "zod";
import { type Db, getDb } from "../db/index.ts";
import { safeText } from "../protocol/safe-schemas.ts";

export const listAuditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  action: safeText().trim().max(100).optional(),
  /** Part of the actor's label (an e-mail, a hostname) or their exact id. */
  actor: safeText().trim().max(200).optional(),
  actorType: z.enum(["user", "host", "system"]).optional(),
  targetType: safeText().trim().max(50).optional(),
  /** The start of the target's id (the page shows the first 8 characters). */
  target: safeText().trim().max(100).optional(),
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

export async function listAudit(
  raw: unknown,
  db?: Db,
): Promise<{ entries: AuditEntryDto[]; nextBefore: number | null }> {
  const q = listAuditQuery.parse(raw);
  db ??= await getDb();
  const entries = await db.auditEntry.findMany({
    where: {
      ...(q.before ? { seq: { lt: q.before } } : {}),
      ...(q.action ? { action: { startsWith: q.action } } : {}),
      ...(q.actor
        ? {
            OR: [
              { actorLabel: { contains: q.actor, mode: "insensitive" as const } },
              { actorId: q.actor },
            ],
          }
        : {}),
      ...(q.actorType ? { actorType: q.actorType } : {}),
      ...(q.targetType ? { targetType: q.targetType } : {}),
      ...(q.target ? { targetId: { startsWith: q.target.toLowerCase() } } : {}),
    },
    orderBy: { seq: "desc" },
    take: q.limit,
    select: {
      seq: true,
      at: true,
      actorType: true,
      actorLabel: true,
      action: true,
      targetType: true,
      targetId: true,
      details: true,
      hash: true,
    },
  });
  return {
    entries,
    nextBefore: entries.length === q.limit ? entries[entries.length - 1].seq : null,
  };
}
