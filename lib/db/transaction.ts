import "server-only";
import { isTransientTxError } from "../errors/transient.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { beginChangeNotes, publishChanges, takeChangeNotes } from "./change-feed.ts";
import { type Db, getDb } from "./index.ts";

export type Tx = Prisma.TransactionClient;

const ATTEMPTS = 4;

/** Runs fn in a transaction, joining the caller's if `db` already is one, so use cases
 *  compose: the change, its timeline entry and its audit entry commit together or not at all.
 *  Callbacks registered with beforeCommit run at the end (see below). A transaction this
 *  function owns is re-run when PostgreSQL aborts it as a deadlock victim; a joined one is
 *  left to its owner, since only the whole transaction can be retried. */
export async function inTransaction<T>(db: Db | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = db ?? (await getDb());
  // Prisma 7 transaction clients also have $transaction (it would open a nested one, which
  // PGlite refuses and which cannot be retried alone); only the root client has $connect.
  if (!isRootClient(client)) return fn(client as Tx);
  for (let attempt = 1; ; attempt++) {
    try {
      let changed: string[] = [];
      const out = await client.$transaction(
        async (tx) => {
          beginChangeNotes(tx);
          try {
            return await withBeforeCommit(tx, fn);
          } finally {
            changed = takeChangeNotes(tx);
          }
        },
        { timeout: 20_000, maxWait: 10_000 },
      );
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

// Before-commit hooks: work a module wants done at the very end of a transaction, after every
// use case in it has run (the audit chain's append, whose lock must be the last one taken).
// lib/db knows nothing of who registers them. Ordinary hooks run in registration order; `last`
// hooks run after all of them, including ones registered while hooks ran.
type Hook = () => Promise<void>;
type Hooks = { ordinary: Hook[]; last: Hook[] };
const hooks = new WeakMap<Tx, Hooks>();

/** Registers fn to run inside tx just before it commits. Returns false when tx has no hook
 *  scope (a caller's own $transaction without withBeforeCommit): the caller must act now. */
export function beforeCommit(tx: Tx, fn: Hook, opts: { last?: boolean } = {}): boolean {
  const h = hooks.get(tx);
  if (!h) return false;
  (opts.last ? h.last : h.ordinary).push(fn);
  return true;
}

/** For code that opens its own $transaction: gives tx a hook scope and runs the hooks after
 *  fn, still inside the transaction. inTransaction does this for the transactions it owns. */
export async function withBeforeCommit<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (hooks.has(tx)) return fn(tx);
  const h: Hooks = { ordinary: [], last: [] };
  hooks.set(tx, h);
  try {
    const result = await fn(tx);
    for (;;) {
      const next = h.ordinary.shift() ?? h.last.shift();
      if (!next) break;
      await next();
    }
    return result;
  } finally {
    hooks.delete(tx);
  }
}
