import "server-only";
import type { UserActor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { SessionUser } from "../auth/current-user.ts";
import { userCan } from "../auth/permissions.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { toApiTokenDto } from "./api-token-dto.ts";
import { type ApiTokenDto, apiTokenIdSchema, apiTokenSelect } from "./schemas.ts";

/** Revokes a token at once (the next request with it is a 401). Its owner may, and an admin
 *  may revoke anyone's; someone else's token is a 404, so its existence is not revealed. */
export async function revokeApiToken(
  id: string,
  user: SessionUser,
  actor: UserActor,
  db?: Db,
  now = new Date(),
): Promise<ApiTokenDto> {
  if (!apiTokenIdSchema.safeParse(id).success) throw new AppError("not_found", "No such token.");
  const mine = userCan(user, "users:manage") ? {} : { userId: user.id };
  return inTransaction(db, async (tx) => {
    // The state check is the write itself, so two revokes at once audit once.
    const { count } = await tx.apiToken.updateMany({
      where: { id, status: "active", ...mine },
      data: { status: "revoked", revokedAt: now, revokedById: user.id },
    });
    const row = await tx.apiToken.findFirst({ where: { id, ...mine }, select: apiTokenSelect });
    if (!row) throw new AppError("not_found", "No such token.");
    if (count === 0) throw new AppError("conflict", "This token is already revoked.");
    await appendAudit(tx, {
      actor,
      action: "api_token.revoked",
      target: { type: "api_token", id: row.id },
      details: { name: row.name, owner: row.user.name },
    });
    return toApiTokenDto(row, now);
  });
}
