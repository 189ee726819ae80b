import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { hashApiToken } from "./api-token-secret.ts";
import type { SessionUser } from "./current-user.ts";
import { type Permission, permissionsOf, type Role } from "./permissions.ts";

export type TokenUser = { user: SessionUser; token: { id: string; name: string } };

type Row = {
  tokenId: string;
  tokenName: string;
  scopes: string[];
  id: string;
  email: string;
  name: string;
  role: Role;
};

/**
 * The person behind an active, unexpired API token whose account is active, or null. The
 * scopes are cut down to what the creator's role allows *now*: a demoted user's tokens shrink
 * with them, and a disabled user's stop, without touching the tokens. lastUsedAt is stamped
 * in the same statement, at most once a minute (a busy script would otherwise write a row on
 * every call).
 */
export async function findUserByApiToken(
  secret: string,
  db?: Db,
  now = new Date(),
): Promise<TokenUser | null> {
  db ??= await getDb();
  const rows = await db.$queryRaw<Row[]>`
    WITH t AS (
      SELECT k."id" AS "tokenId", k."name" AS "tokenName", k."scopes", k."lastUsedAt",
             u."id", u."email", u."name", u."role"::text AS "role"
      FROM "ApiToken" k JOIN "User" u ON u."id" = k."userId"
      WHERE k."tokenHash" = ${hashApiToken(secret)} AND k."status" = 'active'
        AND k."expiresAt" > ${now} AND u."status" = 'active'
    ), touched AS (
      UPDATE "ApiToken" SET "lastUsedAt" = ${now} FROM t
      WHERE "ApiToken"."id" = t."tokenId"
        AND ("t"."lastUsedAt" IS NULL OR "t"."lastUsedAt" < ${new Date(now.getTime() - 60_000)})
    )
    SELECT "tokenId", "tokenName", "scopes", "id", "email", "name", "role" FROM t`;
  const row = rows[0];
  if (!row) return null;
  const allowed = new Set<string>(permissionsOf(row.role));
  const scopes = row.scopes.filter((s): s is Permission => allowed.has(s));
  return {
    user: { id: row.id, email: row.email, name: row.name, role: row.role, scopes },
    token: { id: row.tokenId, name: row.tokenName },
  };
}
