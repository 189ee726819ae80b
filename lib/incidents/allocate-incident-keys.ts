import "server-only";
import type { Tx } from "../db/transaction.ts";

/** Human incident keys (INC-2026-0042): a per-year counter row bumped inside the creating
 *  transaction, so keys never repeat and a rolled-back batch gives its numbers back. */
export async function allocateIncidentKeys(tx: Tx, n: number, now: Date): Promise<string[]> {
  const year = now.getUTCFullYear();
  const rows = await tx.$queryRawUnsafe<{ value: number }[]>(
    `INSERT INTO "Counter" ("name", "value") VALUES ($1, $2) ON CONFLICT ("name") DO UPDATE SET "value" = "Counter"."value" + EXCLUDED."value" RETURNING "value"`,
    `incident-key:${year}`,
    n,
  );
  const last = Number(rows[0].value);
  return Array.from(
    { length: n },
    (_, i) => `INC-${year}-${String(last - n + 1 + i).padStart(4, "0")}`,
  );
}
