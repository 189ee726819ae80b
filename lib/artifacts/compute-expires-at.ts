import "server-only";
import type { Tx } from "../db/transaction.ts";
import { type ArtifactKind, DEFAULT_RETENTION_DAYS } from "./schemas.ts";

const DAY_MS = 86_400_000;

/** expiresAt is fixed when the artifact is collected: a later policy change does not move it. */
export async function computeExpiresAt(
  tx: Tx,
  kind: ArtifactKind,
  collectedAt: Date,
): Promise<Date> {
  const row = await tx.retentionPolicy.findUnique({ where: { kind }, select: { days: true } });
  return new Date(collectedAt.getTime() + (row?.days ?? DEFAULT_RETENTION_DAYS[kind]) * DAY_MS);
}
