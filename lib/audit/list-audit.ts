import "server-only";
import { z } from "zod";
import { type Db, getDb } from "../db/index.ts";
import { safeText } from "../protocol/safe-schemas.ts";

export const listAuditQuery = z.object({
  /** The id (insertion order) to page back from: entries are listed before they are sealed,
   *  and a long transaction's entry may take a seq after newer ones. */
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
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
  id: number;
  /** Null until the sealer has chained it (within about a second of its commit). */
  seq: number | null;
  at: Date;
  actorType: string;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  hash: string | null;
};

export async function listAudit(
  raw: unknown,
  db?: Db,
): Promise<{ entries: AuditEntryDto[]; nextBefore: number | null }> {
  const q = listAuditQuery.parse(raw);
  db ??= await getDb();
  const rows = await db.auditEntry.findMany({
    where: {
      ...(q.before ? { id: { lt: BigInt(q.before) } } : {}),
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
    orderBy: { id: "desc" },
    take: q.limit,
    select: {
      id: true,
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
  // Ids are BigInt in the table; JSON has no BigInt, and 2^53 entries is out of reach.
  const entries = rows.map((r) => ({ ...r, id: Number(r.id) }));
  return {
    entries,
    nextBefore: entries.length === q.limit ? entries[entries.length - 1].id : null,
  };
}
