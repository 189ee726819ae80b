import { z } from "zod";
import { ARTIFACT_KINDS, type ArtifactKind } from "../protocol/commands.ts";
import { safeText } from "../protocol/safe-schemas.ts";

// The kinds are wire contract (collect_artifact asks for one); exported here too for the
// console's artifact forms.
export { ARTIFACT_KINDS, type ArtifactKind };

// Days an artifact is kept when no admin has set a policy for its kind. Memory images are
// large and sensitive (keys, personal data), so they go first; logs are small and useful long.
export const DEFAULT_RETENTION_DAYS: Record<ArtifactKind, number> = {
  memory_image: 30,
  process_dump: 90,
  network_capture: 90,
  log: 365,
  screenshot: 180,
  other: 90,
};

export const sha256Hex = safeText().regex(
  /^[0-9a-f]{64}$/,
  "must be 64 lowercase hex characters (SHA-256)",
);

/** tus Upload-Metadata after base64 decoding. Exactly one of commandId / incidentId. */
export const uploadMetadataSchema = z
  .object({
    filename: safeText()
      .min(1)
      .max(255)
      .refine(
        (s) => !/[\u0000-\u001f/\\]/.test(s),
        "must be a plain file name (no path separators or control characters)",
      ),
    kind: z.enum(ARTIFACT_KINDS),
    sha256: safeText()
      .transform((s) => s.toLowerCase())
      .pipe(sha256Hex),
    commandId: safeText().uuid().optional(),
    incidentId: safeText().uuid().optional(),
  })
  .refine((m) => Boolean(m.commandId) !== Boolean(m.incidentId), {
    message: "exactly one of commandId or incidentId is required",
    path: ["commandId"],
  });
export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

export const retentionUpdateSchema = z.object({
  policies: z
    .array(z.object({ kind: z.enum(ARTIFACT_KINDS), days: z.number().int().min(1).max(36_500) }))
    .min(1)
    .max(ARTIFACT_KINDS.length),
});

export const legalHoldSchema = z.object({
  reason: safeText().trim().min(3, "give a reason (at least 3 characters)").max(1000),
});
export const deleteArtifactSchema = z.object({
  reason: safeText().trim().min(3, "give a reason (at least 3 characters)").max(1000),
});

export const listArtifactsQuery = z.object({
  incidentId: safeText().uuid().optional(),
  status: z.enum(["available", "purged", "deleted"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export type CustodyEntryDto = {
  seq: number;
  at: string;
  action: string;
  actorType: string;
  actorLabel: string;
  ip: string | null;
  details: unknown;
  hash: string;
};

export type ArtifactDto = {
  id: string;
  filename: string;
  kind: ArtifactKind;
  sizeBytes: number;
  sha256: string;
  status: "available" | "purged" | "deleted";
  incidentId: string | null;
  incidentKey: string | null;
  legalHold: boolean;
  commandId: string | null;
  hostId: string | null;
  hostname: string | null;
  collectedAt: string;
  receivedAt: string;
  expiresAt: string;
  removedAt: string | null;
};

export type CustodyVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenSeq: number; reason: string };
