import "server-only";
import { actorOfUser } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { SessionUser } from "../auth/current-user.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { parseInput } from "../errors/parse-input.ts";
import { listRetention, type RetentionRow } from "./list-retention.ts";
import { DEFAULT_RETENTION_DAYS, retentionUpdateSchema } from "./schemas.ts";

/** PUT /artifacts/retention: `raw` is the { policies } body. Answers with every kind's policy. */
export async function updateRetention(
  raw: unknown,
  user: SessionUser,
  db?: Db,
): Promise<RetentionRow[]> {
  const input = parseInput(retentionUpdateSchema, raw);
  await inTransaction(db, async (tx) => {
    const before = await tx.retentionPolicy.findMany({ select: { kind: true, days: true } });
    const prev = new Map(before.map((b) => [b.kind, b.days]));
    for (const p of input.policies) {
      const now = new Date();
      await tx.retentionPolicy.upsert({
        where: { kind: p.kind },
        create: { kind: p.kind, days: p.days, updatedById: user.id, updatedAt: now },
        update: { days: p.days, updatedById: user.id, updatedAt: now },
      });
    }
    await appendAudit(tx, {
      actor: actorOfUser(user),
      action: "artifacts.retention_updated",
      target: { type: "retention_policy", id: "artifacts" },
      details: {
        changes: input.policies.map((p) => ({
          kind: p.kind,
          from: prev.get(p.kind) ?? DEFAULT_RETENTION_DAYS[p.kind],
          to: p.days,
        })),
      },
    });
  });
  return listRetention(db);
}
