import "server-only";
import { type Db, getDb } from "../db/index.ts";

/** Distinct plugin names with how many hosts run each: the fleet view's suggestions. */
export async function listPluginNames(db?: Db, limit = 500) {
  db ??= await getDb();
  const rows = await db.hostPlugin.groupBy({
    by: ["name"],
    _count: { _all: true },
    orderBy: { _count: { name: "desc" } },
    take: limit,
  });
  return rows.map((r) => ({ name: r.name, hosts: r._count._all }));
}
