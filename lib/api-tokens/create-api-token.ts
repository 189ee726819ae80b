import "server-only";
import type { UserActor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { hashApiToken, newApiTokenSecret } from "../auth/api-token-secret.ts";
import type { SessionUser } from "../auth/current-user.ts";
import { type Permission, userCan } from "../auth/permissions.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { toApiTokenDto } from "./api-token-dto.ts";
import { type ApiTokenDto, apiTokenSelect, createApiTokenInput } from "./schemas.ts";

/**
 * Creates an API token for the signed-in person, scoped to permissions they hold. The secret
 * is returned exactly once, here. A token cannot mint tokens: a leaked one must not be able to
 * outlive its own expiry or revocation by making another.
 */
export async function createApiToken(
  raw: unknown,
  user: SessionUser,
  actor: UserActor,
  db?: Db,
  now = new Date(),
): Promise<ApiTokenDto & { token: string }> {
  if (user.scopes)
    throw new AppError("forbidden", "API tokens are created from a signed-in session.");
  const input = parseInput(createApiTokenInput, raw);
  const beyond = input.scopes.filter((s) => !userCan(user, s as Permission));
  if (beyond.length)
    throw new AppError("forbidden", `Your role (${user.role}) does not hold ${beyond.join(", ")}.`);
  const secret = newApiTokenSecret();
  return inTransaction(db, async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        tokenHash: hashApiToken(secret),
        userId: user.id,
        scopes: input.scopes,
        expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
      },
      select: apiTokenSelect,
    });
    await appendAudit(tx, {
      actor,
      action: "api_token.created",
      target: { type: "api_token", id: row.id },
      details: { name: row.name, scopes: row.scopes, expiresAt: row.expiresAt.toISOString() },
    });
    return { ...toApiTokenDto(row, now), token: secret };
  });
}
