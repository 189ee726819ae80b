import { z } from "zod";
import { PERMISSION_NAMES } from "../auth/permissions.ts";
import { safeText } from "../protocol/safe-schemas.ts";

// zod at both edges for API tokens: what a person may ask for, and the DTO every read returns
// (never the hash; the secret itself only once, in the create answer).

export const MAX_API_TOKEN_DAYS = 365;

export const permissionSchema = z.enum(PERMISSION_NAMES as [string, ...string[]]);

export const createApiTokenInput = z.strictObject({
  name: safeText().trim().min(1, "Name the token").max(80, "At most 80 characters"),
  scopes: z
    .array(permissionSchema)
    .min(1, "Choose at least one permission")
    .max(PERMISSION_NAMES.length)
    .transform((s) => [...new Set(s)]),
  expiresInDays: z
    .number()
    .int()
    .min(1, "At least one day")
    .max(MAX_API_TOKEN_DAYS, `At most ${MAX_API_TOKEN_DAYS} days`),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenInput>;

export const apiTokenIdSchema = z.uuid();

export const apiTokenSelect = {
  id: true,
  name: true,
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  status: true,
  revokedAt: true,
  createdAt: true,
  user: { select: { id: true, name: true, role: true } },
} as const;

export const API_TOKEN_STATES = ["active", "expired", "revoked"] as const;

// Dates leave as RFC 3339 strings (JSON); the OpenAPI document says so.
const at = z.date();

/** One token as every read shows it. `effectiveScopes` is what it may do today: its scopes
 *  cut down to the owner's current role. */
export const apiTokenDto = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(z.string()),
  effectiveScopes: z.array(z.string()),
  state: z.enum(API_TOKEN_STATES),
  expiresAt: at,
  lastUsedAt: at.nullable(),
  revokedAt: at.nullable(),
  createdAt: at,
  owner: z.object({ id: z.uuid(), name: z.string() }),
});
export type ApiTokenDto = z.output<typeof apiTokenDto>;

export const createdApiTokenDto = apiTokenDto.extend({
  token: z.string().describe("The secret, shown this once: only its hash is stored."),
});
export const apiTokenListDto = z.object({ tokens: z.array(apiTokenDto) });
