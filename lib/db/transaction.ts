import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";
import { getDb, type Db } from "./index.ts";
import { isTransientTxError } from "./transient.ts";
import { beginAuditBatch, discardAuditBatch, flushAudit } from "../audit/append-audit.ts";
import { beginChangeNotes, publishChanges, takeChangeNotes } from "./change-feed.ts";

export type Tx = Prisma.TransactionClient;

const ATTEMPTS = 4;

/** Runs fn in a transaction, joining the caller's if `db` already is one, so use cases
 *  compose: the change, its timeline entry and its audit entry commit together or not at all.
 *  Audit entries are written at the end (see append-audit.ts). A transaction this function
 *  owns is re-run when PostgreSQL aborts it as a deadlock victim; a joined one is left to
 *  its owner, since only the whole transaction can be retried. */
export async function inTransaction<T>(db: Db | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = db ?? (await getDb());
  // Prisma 7 transaction clients also have $transaction (it would open a nested one, which
  // PGlite refuses and which cannot be retried alone); only the root client has $connect.
  if (!isRootClient(client)) return fn(client as Tx);
  for (let attempt = 1; ; attempt++) {
    try {
      let changed: string[] = [];
      const out = await client.$transaction(async (tx) => {
        beginChangeNotes(tx);
        try {
          return await withAuditBatch(tx, fn);
        } finally {
          changed = takeChangeNotes(tx);
        }
      }, { timeout: 20_000, maxWait: 10_000 });
      // Only now is the change visible to other connections: tell the live pages.
      publishChanges(changed);
      return out;
    } catch (e) {
      if (attempt >= ATTEMPTS || !isTransientTxError(e)) throw e;
      await new Promise((r) => setTimeout(r, 25 * 2 ** attempt + Math.random() * 50));
    }
  }
}

function isRootClient(db: Db): db is Extract<Db, { $connect: unknown }> {
  return typeof (db as { $connect?: unknown }).$connect === "function";
}

/** For code that opens its own $transaction: queue audit entries and write them last. */
export async function withAuditBatch<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  beginAuditBatch(tx);
  try {
    const result = await fn(tx);
    await flushAudit(tx);
    return result;
  } finally {
    discardAuditBatch(tx);
  }
}
