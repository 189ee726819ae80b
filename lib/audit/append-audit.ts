import "server-only";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Actor } from "./actor.ts";

// An entry is one plain INSERT in the change's own transaction: it commits or vanishes with
// the change it records (a savepoint rolled back takes it along). It is not chained here:
// chaining inline needed the chain's head, so every audited transaction in the system queued
// on one lock. The sealer (seal-audit.ts) chains committed entries within about a second.

export type AuditInput = {
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
};

type Tx = Prisma.TransactionClient;

const row = (input: AuditInput, at: Date) => ({
  at,
  actorType: input.actor.type,
  actorId: input.actor.id ?? null,
  actorLabel: input.actor.label,
  action: input.action,
  targetType: input.target?.type ?? null,
  targetId: input.target?.id ?? null,
  // What is stored is what gets hashed: JSON, without undefined members or class instances.
  details: JSON.parse(JSON.stringify(input.details ?? {})),
});

/** Must be called with the transaction client of the change being audited. */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEntry.create({ data: row(input, new Date()), select: { id: true } });
}

/** Several entries of one transaction in one INSERT (ingest's incidents opened and touched). */
export async function appendAuditMany(tx: Tx, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const at = new Date();
  await tx.auditEntry.createMany({ data: inputs.map((i) => row(i, at)) });
}
