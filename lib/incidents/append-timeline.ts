import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Tx } from "../db/transaction.ts";
import type { Prisma } from "../generated/prisma/client.ts";

// The one writer of the incident timeline. Every domain that changes an incident appends
// here, in the transaction of the change (Dispatch's log_incident_event), so the row always
// has the same shape: who (an Actor from lib/audit/actor.ts), what, via which part of
// Breakwater. Publishing the change to the live page (noteChange) and the audit entry stay
// with the caller: some changes write several timeline rows and one audit entry, or publish
// other topics too.

/** Which part of Breakwater wrote the entry; shown on the timeline as "via …". */
export type TimelineSource =
  | "console"
  | "playbook"
  | "commands"
  | "artifacts"
  | "hosts"
  | "ingest"
  | "agent";

export type TimelineEntryInput = {
  incidentId: string;
  /** e.g. "status.acknowledged", "comment", "command.queued". */
  type: string;
  actor: Actor;
  source: TimelineSource;
  summary: string;
  details?: Record<string, unknown>;
  /** When it happened; the database's now() (the transaction's start) when omitted. */
  at?: Date;
};

const row = (e: TimelineEntryInput): Prisma.TimelineEntryCreateManyInput => ({
  incidentId: e.incidentId,
  at: e.at,
  type: e.type,
  actorType: e.actor.type,
  actorId: e.actor.id ?? null,
  actorLabel: e.actor.label,
  source: e.source,
  summary: e.summary,
  details: e.details as Prisma.InputJsonValue | undefined,
});

/** Appends one entry. Must be called with the transaction client of the change it records. */
export async function appendTimeline(tx: Tx, entry: TimelineEntryInput): Promise<void> {
  await tx.timelineEntry.create({ data: row(entry) });
}

/** Appends many entries in one INSERT, in the given order (fleet-wide commands, ingest
 *  batches): one statement per transaction however many hosts or incidents are involved. */
export async function appendTimelineBatch(
  tx: Tx,
  entries: readonly TimelineEntryInput[],
): Promise<void> {
  if (entries.length) await tx.timelineEntry.createMany({ data: entries.map(row) });
}
