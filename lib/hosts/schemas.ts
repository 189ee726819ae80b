import { z } from "zod";
import { pluginStateSchema, sha256Schema } from "../protocol/hosts.ts";
import { safeText } from "../protocol/safe-schemas.ts";

// zod at both edges for the hosts domain: what admins may send, and the DTO selects every
// read goes through (never a raw row: tokenHash must never leave the server). What agents
// send (enrolment, inventory) is lib/protocol/hosts.ts.

// Bounded strings everywhere: an unbounded field is a free way to bloat the database or the UI.
const text = (max: number) =>
  safeText().trim().min(1, "Required").max(max, `At most ${max} characters`);

export const MAX_TOKEN_USES = 10_000;
export const MAX_TOKEN_SECONDS = 365 * 24 * 3600;
export const createEnrollmentTokenInput = z.object({
  label: text(120),
  expiresInSeconds: z
    .number()
    .int()
    .min(60, "At least one minute")
    .max(MAX_TOKEN_SECONDS, "At most one year"),
  maxUses: z
    .number()
    .int()
    .min(1, "At least one use")
    .max(MAX_TOKEN_USES, `At most ${MAX_TOKEN_USES} uses`),
});

export const CONNECTIVITY = ["online", "stale", "offline"] as const;
export type Connectivity = (typeof CONNECTIVITY)[number];

export const listHostsQuery = z.object({
  q: safeText().trim().max(253).optional(),
  connectivity: z.enum(CONNECTIVITY).optional(),
  status: z.enum(["active", "revoked"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const optText = (max: number) =>
  safeText()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const pluginFleetQuery = z
  .object({
    name: optText(200),
    version: optText(100),
    sha256: safeText()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(sha256Schema.optional()),
    signer: optText(500),
    origin: optText(500),
    state: pluginStateSchema.optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(1000),
  })
  .refine((q) => q.name || q.sha256, { message: "Give a plugin name or a sha256", path: ["name"] });
export type PluginFleetQuery = z.infer<typeof pluginFleetQuery>;

export const hostIdSchema = safeText().min(1).max(64);

// ---- DTO selects --------------------------------------------------------------------

export const pluginSelect = {
  name: true,
  version: true,
  origin: true,
  signer: true,
  sha256: true,
  permissions: true,
  state: true,
  updatedAt: true,
} as const;

export const hostSummarySelect = {
  id: true,
  hostname: true,
  os: true,
  agentVersion: true,
  status: true,
  revokedAt: true,
  isolation: true,
  isolationChangedAt: true,
  simulated: true,
  enrolledAt: true,
  lastSeenAt: true,
  inventoryAt: true,
} as const;

export const enrollmentTokenSelect = {
  id: true,
  label: true,
  expiresAt: true,
  maxUses: true,
  uses: true,
  status: true,
  revokedAt: true,
  createdById: true,
  createdAt: true,
} as const;

export type EnrollmentTokenState = "active" | "expired" | "used_up" | "revoked";
