// PostgreSQL aborts one side of a deadlock (40P01) or a serialization conflict (40001).
// Nothing of the aborted transaction committed, so running it again is safe and correct.
// Prisma reports the same abort from a model query (updateMany, create…) as P2034
// ("TransactionWriteConflict") without the PostgreSQL code; only raw queries carry 40P01.
const TRANSIENT_CODES = new Set(["40P01", "40001", "P2034"]);
const TRANSIENT_TEXT =
  /\b(40P01|40001)\b|deadlock detected|could not serialize access|write conflict or a deadlock/;

export function isTransientTxError(e: unknown): boolean {
  let x = e as
    | { code?: unknown; message?: unknown; meta?: { code?: unknown }; cause?: unknown }
    | undefined;
  for (let i = 0; x && i < 6; x = x.cause as typeof x, i++) {
    if (TRANSIENT_CODES.has(String(x.code)) || TRANSIENT_CODES.has(String(x.meta?.code)))
      return true;
    if (typeof x.message === "string" && TRANSIENT_TEXT.test(x.message)) return true;
  }
  return false;
}

// A unique violation (23505; Prisma's P2002, or P2010 around a raw statement) inside a
// transaction that read first and then wrote means another transaction stored the same key
// in between. Nothing of the aborted one committed; re-running it re-reads and sees the row.
const UNIQUE_CODES = new Set(["P2002", "23505"]);

export function isUniqueViolation(e: unknown): boolean {
  let x = e as
    | {
        code?: unknown;
        kind?: unknown;
        originalCode?: unknown;
        meta?: { code?: unknown };
        cause?: unknown;
      }
    | undefined;
  for (let i = 0; x && i < 6; x = x.cause as typeof x, i++) {
    if (
      UNIQUE_CODES.has(String(x.code)) ||
      UNIQUE_CODES.has(String(x.originalCode)) ||
      UNIQUE_CODES.has(String(x.meta?.code))
    )
      return true;
    if (x.kind === "UniqueConstraintViolation") return true;
  }
  return false;
}
