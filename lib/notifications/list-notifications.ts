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
  // Drill notifications carry the run's key, so the list marks them whatever their title says.
  const incidentIds = [...new Set(items.map((n) => n.incidentId).filter((x): x is string => !!x))];
  const drills = incidentIds.length
    ? await client.incident.findMany({
        where: { id: { in: incidentIds }, drill: true },
        select: { id: true, drillRun: { select: { key: true } } },
      })
    : [];
  const drillOf = new Map(drills.map((d) => [d.id, d.drillRun?.key ?? "drill"]));
  return {
    items: items.map((n) => ({
      ...n,
      drillKey: (n.incidentId && drillOf.get(n.incidentId)) || null,
    })),
    unread,
  };
}
