import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Tx } from "../db/transaction.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";
import { deleteBlobIfUnreferenced } from "./blob-refs.ts";
import { appendCustody } from "./custody.ts";

type Target = {
  id: string;
  filename: string;
  sha256: string;
  sizeBytes: bigint;
  storageKey: string;
  storageBackend: string;
  incidentId: string | null;
};

/**
 * Turns an available artifact into a tombstone (purged by retention, or deleted by a lead):
 * row, hash and custody stay; the bytes go. The database change, custody, audit and timeline
 * are written first and the blob is deleted last, inside the same transaction's callback: if
 * the delete throws, everything rolls back and the caller retries; if the commit fails after
 * the delete, the retry finds the row still available and deletes again (idempotent), so the
 * two converge. A blob shared by another available artifact (same content) is kept.
 */
export async function removeArtifactBlob(
  tx: Tx,
  a: Target,
  e: {
    action: "purged" | "deleted";
    actor: Actor;
    at: Date;
    ip?: string | null;
    reason?: string;
    details?: Record<string, unknown>;
  },
) {
  const changed = await tx.artifact.updateMany({
    where: { id: a.id, status: "available" },
    data: { status: e.action, removedAt: e.at },
  });
  if (changed.count !== 1) return false;
  await appendCustody(tx, a.id, {
    action: e.action,
    actor: e.actor,
    ip: e.ip,
    at: e.at,
    details: {
      reason: e.reason ?? null,
      sha256: a.sha256,
      sizeBytes: Number(a.sizeBytes),
      ...(e.details ?? {}),
    },
  });
  await appendAudit(tx, {
    actor: e.actor,
    action: e.action === "purged" ? "artifact.purged" : "artifact.deleted",
    target: { type: "artifact", id: a.id },
    details: {
      filename: a.filename,
      sha256: a.sha256,
      sizeBytes: Number(a.sizeBytes),
      incidentId: a.incidentId,
      reason: e.reason ?? null,
      ...(e.details ?? {}),
    },
  });
  if (a.incidentId) {
    await appendTimeline(tx, {
      incidentId: a.incidentId,
      source: "artifacts",
      type: e.action === "purged" ? "artifact_purged" : "artifact_deleted",
      actor: e.actor,
      summary:
        e.action === "purged"
          ? `Artifact ${a.filename} purged at the end of its retention period`
          : `Artifact ${a.filename} deleted: ${e.reason}`,
      details: { artifactId: a.id, sha256: a.sha256 },
    });
  }
  await deleteBlobIfUnreferenced(tx, {
    sha256: a.sha256,
    storageKey: a.storageKey,
    storageBackend: a.storageBackend,
  });
  return true;
}

export const removableSelect = {
  id: true,
  filename: true,
  sha256: true,
  sizeBytes: true,
  storageKey: true,
  storageBackend: true,
  incidentId: true,
  status: true,
  expiresAt: true,
} as const;

/** Locks the incident row (FOR SHARE) so a hold being applied right now waits for us or we for it. */
type Hold = {
  legalHoldAt: Date | null;
  legalHoldReason: string | null;
  legalHoldReleasedAt: Date | null;
  legalHoldReleasedById: string | null;
  key: string;
};
export async function incidentHold(tx: Tx, incidentId: string | null): Promise<Hold | null> {
  if (!incidentId) return null;
  const rows = await tx.$queryRaw<Hold[]>`
    SELECT "legalHoldAt", "legalHoldReason", "legalHoldReleasedAt", "legalHoldReleasedById", "key" FROM "Incident" WHERE "id" = ${incidentId} FOR SHARE`;
  return rows[0] ?? null;
}
