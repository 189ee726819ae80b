import "server-only";
import type { SessionUser } from "../auth/current-user.ts";
import { userCan } from "../auth/permissions.ts";
import { type Db, getDb } from "../db/index.ts";
import { toApiTokenDto } from "./api-token-dto.ts";
import { type ApiTokenDto, apiTokenSelect } from "./schemas.ts";

/** A person's own tokens; an admin (users:manage) sees everyone's, to revoke a leaked one. */
export async function listApiTokens(
  user: SessionUser,
  db?: Db,
  now = new Date(),
): Promise<{ tokens: ApiTokenDto[] }> {
  db ??= await getDb();
  const rows = await db.apiToken.findMany({
    where: userCan(user, "users:manage") ? {} : { userId: user.id },
    select: apiTokenSelect,
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return { tokens: rows.map((r) => toApiTokenDto(r, now)) };
}
