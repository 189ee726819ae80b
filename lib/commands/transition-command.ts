import "server-only";
import type { Tx } from "../db/transaction.ts";
import { SYSTEM, type Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { sourcesOf, TIMESTAMP_OF, type CommandStatusName } from "./transitions.ts";
import { noteChange } from "../db/change-feed.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";

export type TransitionInput = {
  id: string;
  to: Exclude<CommandStatusName, "awaiting_approval">;
  at: Date;
  actor: Actor;
  summary: string;
  data?: Prisma.CommandUncheckedUpdateManyInput;
  details?: Record<string, unknown>;
  /** Narrows the source states further (e.g. receipts only for this host). */
  where?: Prisma.CommandWhereInput;
};

/**
 * The only way a command's status moves. The allowed-transitions table is enforced inside the
 * write (updateMany on id + allowed source statuses), so two racing writers cannot both win;
 * the timeline entry and the audit entry commit in the same transaction as the change.
 * Returns false when the command was not in a state that allows this move.
 */
export async function transitionCommand(tx: Tx, t: TransitionInput): Promise<boolean> {
  const res = await tx.command.updateMany({
    where: { id: t.id, status: { in: sourcesOf(t.to) }, ...(t.where ?? {}) },
    data: { ...(t.data ?? {}), status: t.to, [TIMESTAMP_OF[t.to]]: t.at },
  });
  if (res.count === 0) return false;
  const cmd = await tx.command.findUniqueOrThrow({ where: { id: t.id }, select: { incidentId: true, hostId: true, type: true, requestId: true } });
  await recordCommandEvent(tx, { ...cmd, commandId: t.id, action: `command.${t.to}`, actor: t.actor, summary: t.summary, at: t.at, details: t.details });
  return true;
}

/** Ends a command the agent never received once its expiresAt has passed: by the expiry
 *  sweep, or by a late receipt that arrives before the sweep did (the protocol's 410). */
export async function expireUnreceivedCommand(tx: Tx, id: string, now: Date): Promise<boolean> {
  return transitionCommand(tx, {
    id,
    to: "expired",
    at: now,
    actor: SYSTEM,
    summary: "Command expired before the agent received it",
    where: { acknowledgedAt: null, expiresAt: { lte: now } },
  });
}

/** Timeline (when there is an incident) + audit, for transitions and non-status events (cancel requested, extended). */
export async function recordCommandEvent(
  tx: Tx,
  e: { commandId: string; incidentId: string | null; hostId: string; type: string; requestId: string; action: string; actor: Actor; summary: string; at: Date; details?: Record<string, unknown> },
) {
  const details = { commandId: e.commandId, requestId: e.requestId, hostId: e.hostId, type: e.type, ...(e.details ?? {}) };
  noteChange(tx, `command:${e.commandId}`, e.incidentId && `incident:${e.incidentId}`);
  if (e.incidentId) {
    await appendTimeline(tx, { incidentId: e.incidentId, at: e.at, type: e.action, actor: e.actor, source: "commands", summary: e.summary, details });
  }
  await appendAudit(tx, { actor: e.actor, action: e.action, target: { type: "command", id: e.commandId }, details });
}
