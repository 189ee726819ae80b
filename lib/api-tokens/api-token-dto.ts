import { permissionsOf, type Role } from "../auth/permissions.ts";
import type { ApiTokenDto } from "./schemas.ts";

type Row = {
  id: string;
  name: string;
  scopes: string[];
  expiresAt: Date;
  lastUsedAt: Date | null;
  status: "active" | "revoked";
  revokedAt: Date | null;
  createdAt: Date;
  user: { id: string; name: string; role: Role };
};

/** Revoked wins over expired: the person sees the reason that applies first. */
export function toApiTokenDto(row: Row, now: Date): ApiTokenDto {
  const held = new Set<string>(permissionsOf(row.user.role));
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    effectiveScopes: row.scopes.filter((s) => held.has(s)),
    state: row.status === "revoked" ? "revoked" : row.expiresAt <= now ? "expired" : "active",
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
    owner: { id: row.user.id, name: row.user.name },
  };
}
