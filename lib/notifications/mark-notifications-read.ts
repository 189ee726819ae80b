import "server-only";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { parseInput } from "../errors/parse-input.ts";
import { notificationsReadInput } from "./schemas.ts";

/** POST /notifications/read: `body` is the raw { all: true } or { ids }. Only the caller's
 *  own notifications are touched: the userId comes from the session. */
export async function markNotificationsRead(userId: string, body: unknown, db?: Db) {
  const sel = parseInput(notificationsReadInput, body);
  return inTransaction(db, async (tx) => {
    const res = await tx.notification.updateMany({
      where: { userId, readAt: null, ...("ids" in sel ? { id: { in: sel.ids } } : {}) },
      data: { readAt: new Date() },
    });
    return { marked: res.count };
  });
}
