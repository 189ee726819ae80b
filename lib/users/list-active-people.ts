import "server-only";
import { type Db, getDb } from "../db/index.ts";

/** Active people who can act in an incident (own a follow-up, play a drill role): names and
 *  ids only, for pickers shown to leads who may not manage users. */
export async function listActivePeople(db?: Db) {
  db ??= await getDb();
  return db.user.findMany({
    where: { status: "active", role: { in: ["admin", "manager", "responder"] } },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
}
