import "server-only";
import { getDb, type Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";

/** A user's own notifications only: the userId comes from the session, never the request. */
export async function listNotifications(userId: string, db?: Db) {
  const client = db ?? (await getDb());
  const [items, unread] = await Promise.all([
    client.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: 50, select: { id: true, title: true, body: true, link: true, incidentId: true, createdAt: true, readAt: true } }),
    client.notification.count({ where: { userId, readAt: null } }),
  ]);
  return { items, unread };
}

export async function markNotificationsRead(userId: string, sel: { all: true } | { ids: string[] }, db?: Db) {
  return inTransaction(db, async (tx) => {
    const res = await tx.notification.updateMany({ where: { userId, readAt: null, ...("ids" in sel ? { id: { in: sel.ids } } : {}) }, data: { readAt: new Date() } });
    return { marked: res.count };
  });
}
