import "server-only";
import type { Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";

// What every draft use case reads and returns: never the raw row.
export const draftSelect = {
  id: true,
  slug: true,
  baseVersion: true,
  content: true,
  note: true,
  createdAt: true,
  updatedAt: true,
  publishedAt: true,
} as const;

/** A malformed id is no such draft (a 404), never a database error. */
export function assertDraftId(id: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("not_found", "No such draft.");
  return id;
}

/** Why a conditional write on an unpublished draft matched nothing. */
export async function notEditableError(tx: Tx, id: string) {
  const exists = await tx.playbookDraft.findUnique({ where: { id }, select: { id: true } });
  return exists
    ? new AppError("conflict", "This draft was already published.")
    : new AppError("not_found", "No such draft.");
}
