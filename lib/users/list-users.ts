import "server-only";
import { getDb, type Db } from "../db/index.ts";
import { userSelect, type UserDto } from "./schemas.ts";

export async function listUsers(db?: Db): Promise<UserDto[]> {
  db ??= await getDb();
  return db.user.findMany({ select: userSelect, orderBy: [{ status: "asc" }, { email: "asc" }] });
}
