import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";

export async function deleteWebhook(input: { id: string; actor: Actor }, db?: Db) {
  // A malformed id is no such webhook (a 404), never a database error.
  if (!/^[0-9a-f-]{36}$/i.test(input.id)) throw new AppError("not_found", "No such webhook.");
  return inTransaction(db, async (tx) => {
    const res = await tx.webhookEndpoint.deleteMany({ where: { id: input.id } });
    if (res.count !== 1) throw new AppError("not_found", "No such webhook.");
    await appendAudit(tx, {
      actor: input.actor,
      action: "webhook.deleted",
      target: { type: "webhook_endpoint", id: input.id },
    });
    return { deleted: true };
  });
}
