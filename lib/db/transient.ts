// PostgreSQL aborts one side of a deadlock (40P01) or a serialization conflict (40001).
// Nothing of the aborted transaction committed, so running it again is safe and correct.
const TRANSIENT_CODES = new Set(["40P01", "40001"]);
const TRANSIENT_TEXT = /\b(40P01|40001)\b|deadlock detected|could not serialize access/;

export function isTransientTxError(e: unknown): boolean {
  let x = e as { code?: unknown; message?: unknown; meta?: { code?: unknown }; cause?: unknown } | undefined;
  for (let i = 0; x && i < 6; x = x.cause as typeof x, i++) {
    if (TRANSIENT_CODES.has(String(x.code)) || TRANSIENT_CODES.has(String(x.meta?.code))) return true;
    if (typeof x.message === "string" && TRANSIENT_TEXT.test(x.message)) return true;
  }
  return false;
}
