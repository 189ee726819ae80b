import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";
import { GENESIS_HASH, hashAuditEntry } from "./hash-entry.ts";
import type { Actor } from "./actor.ts";

// Fixed advisory-lock key: appends are serialised so the chain never forks, and the lock is
// transaction-scoped so the entry commits or vanishes together with the change it records.
const AUDIT_LOCK_KEY = 72_707_370;

export type AuditInput = {
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
};

/** Must be called with the transaction client of the change being audited. */
export async function appendAudit(tx: Prisma.TransactionClient, input: AuditInput) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const fields = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actorType: input.actor.type,
    actorId: input.actor.id ?? null,
    actorLabel: input.actor.label,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    details: JSON.parse(JSON.stringify(input.details ?? {})),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashAuditEntry(fields);
  await tx.auditEntry.create({ data: { ...fields, at: new Date(fields.at), hash } });
  return { seq: fields.seq, hash };
}
