import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { type EnrollmentTokenDto, toEnrollmentTokenDto } from "./enrollment-token-dto.ts";
import { enrollmentTokenSelect, hostIdSchema } from "./schemas.ts";

/** Revokes an enrollment token so no further host can enrol with it. Hosts already
 *  enrolled with it keep their own credentials (revoke those one by one). */
export async function revokeEnrollmentToken(
  id: string,
  actor: Actor,
  db?: Db,
  now = new Date(),
): Promise<EnrollmentTokenDto> {
  const tokenId = hostIdSchema.parse(id);
  return inTransaction(db, async (tx) => {
    // The status check lives in the write itself, so two concurrent revokes audit once.
    const { count } = await tx.enrollmentToken.updateMany({
      where: { id: tokenId, status: "active" },
      data: { status: "revoked", revokedAt: now },
    });
    const row = await tx.enrollmentToken.findUnique({
      where: { id: tokenId },
      select: enrollmentTokenSelect,
    });
    if (!row) throw new AppError("not_found", "No such enrollment token.");
    if (count === 0) throw new AppError("conflict", "This enrollment token is already revoked.");
    await appendAudit(tx, {
      actor,
      action: "enrollment_token.revoked",
      target: { type: "enrollment_token", id: row.id },
      details: { label: row.label, uses: row.uses },
    });
    return toEnrollmentTokenDto(row, now);
  });
}
