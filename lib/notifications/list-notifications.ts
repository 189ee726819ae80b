import "server-only";
import { type Db, getDb } from "../db/index.ts";

/** A user's own notifications only: the userId comes from the session, never the request. */
export async function listNotifications(userId: string, db?: Db) {
  const client = db ?? (await getDb());
  const [items, unread] = await Promise.all([
    client.notification.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: {
        id: true,
        title: true,
        body: true,
        link: true,
        incidentId: true,
        createdAt: true,
        readAt: true,
      },
    }),
    client.notification.count({ where: { userId, readAt: null } }),
  ]);
  return { items, unread };
}
