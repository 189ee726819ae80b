import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { type EnrollmentTokenDto, toEnrollmentTokenDto } from "./enrollment-token-dto.ts";
import { createEnrollmentTokenInput, enrollmentTokenSelect } from "./schemas.ts";
import { hashToken, newSecret } from "./tokens.ts";

/** Creates an enrollment token. The plaintext is returned exactly once, here; only its
 *  hash is stored, so a lost token is revoked and replaced, never recovered. */
export async function createEnrollmentToken(
  raw: unknown,
  actor: Actor,
  db?: Db,
  now = new Date(),
): Promise<EnrollmentTokenDto & { token: string }> {
  const input = createEnrollmentTokenInput.parse(raw);
  const token = newSecret("bwe");
  return inTransaction(db, async (tx) => {
    const row = await tx.enrollmentToken.create({
      data: {
        label: input.label,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + input.expiresInSeconds * 1000),
        maxUses: input.maxUses,
        createdById: actor.type === "user" ? actor.id : null,
      },
      select: enrollmentTokenSelect,
    });
    await appendAudit(tx, {
      actor,
      action: "enrollment_token.created",
      target: { type: "enrollment_token", id: row.id },
      details: { label: row.label, maxUses: row.maxUses, expiresAt: row.expiresAt.toISOString() },
    });
    return { ...toEnrollmentTokenDto(row, now), token };
  });
}
