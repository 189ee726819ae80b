import "server-only";
import type { Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";

/** A follow-up's owner must be someone who can still act on it; no owner is allowed. */
export async function assertActiveOwner(tx: Tx, ownerId: string | null | undefined) {
  if (
    ownerId &&
    !(await tx.user.findFirst({ where: { id: ownerId, status: "active" }, select: { id: true } }))
  ) {
    throw new AppError("invalid_input", "The owner is not an active user.", {
      errors: [{ path: "ownerId", message: "not an active user" }],
    });
  }
}
