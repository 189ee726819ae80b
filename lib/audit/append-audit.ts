import "server-only";
import { beforeCommit, withBeforeCommit } from "../db/transaction.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Actor } from "./actor.ts";
import { GENESIS_HASH, hashAuditEntry } from "./hash-entry.ts";

// Appends are serialised by a transaction-scoped advisory lock so the chain never forks, and
// the entry commits or vanishes together with the change it records. The key is scoped to
// the current schema: one schema in production, one per test file in the test suite.
const AUDIT_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext(current_schema()), 72707370)`;

export type AuditInput = {
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
};

type Queued = AuditInput & { at: Date };
type Tx = Prisma.TransactionClient;

// Entries of a transaction with a before-commit scope (every one inTransaction opens) are
// queued and written by a `last` before-commit hook, so the chain lock is always the LAST lock
// a transaction takes. Taken in the middle, it deadlocks against a transaction that holds it
// and waits for a row this one has already locked (seen under fleet-wide receipts and ingest
// stampedes).
const queues = new WeakMap<Tx, Queued[]>();

/** For code that opens its own $transaction: queue audit entries and write them last. */
export function withAuditBatch<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withBeforeCommit(tx, fn);
}

/** Writes the entries queued so far now (a use case that must act after its audit entry is
 *  in, like the key rotation writing its file). Later appends queue again. */
export async function flushAudit(tx: Tx) {
  const q = queues.get(tx);
  queues.delete(tx);
  if (q?.length) await writeEntries(tx, q);
}

/** Must be called with the transaction client of the change being audited. */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const entry = { ...input, at: new Date() };
  const q = queues.get(tx);
  if (q) return void q.push(entry);
  // The transaction's first entry registers the flush; without a hook scope (a caller's own
  // $transaction) there is no "end" to wait for, so the entry is written at once.
  if (beforeCommit(tx, () => flushAudit(tx), { last: true })) queues.set(tx, [entry]);
  else await writeEntries(tx, [entry]);
}

async function writeEntries(tx: Tx, entries: Queued[]) {
  await tx.$executeRawUnsafe(AUDIT_LOCK_SQL);
  const last = await tx.auditEntry.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = entries.map((input) => {
    const fields = {
      seq: ++seq,
      at: input.at.toISOString(),
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      actorLabel: input.actor.label,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      details: JSON.parse(JSON.stringify(input.details ?? {})),
      prevHash,
    };
    prevHash = hashAuditEntry(fields);
    return { ...fields, at: input.at, hash: prevHash };
  });
  await tx.auditEntry.createMany({ data: rows });
}
