import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { type UserDto, userSelect } from "./schemas.ts";

export async function listUsers(db?: Db): Promise<UserDto[]> {
  db ??= await getDb();
  return db.user.findMany({ select: userSelect, orderBy: [{ status: "asc" }, { email: "asc" }] });
}
