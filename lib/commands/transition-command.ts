import "server-only";
import { type Actor, SYSTEM } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { noteChange } from "../db/change-feed.ts";
import type { Tx } from "../db/transaction.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";
import { type CommandStatusName, REENTERABLE, sourcesOf, TIMESTAMP_OF } from "./transitions.ts";

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
  /** The row's fixed columns when the caller has just read them (under its row lock): saves
   *  the re-read, one of a receipt's round trips, which a fleet's burst pays a thousand times. */
  known?: CommandRef;
};

/** A command's columns that never change after it is issued. */
export type CommandRef = {
  incidentId: string | null;
  hostId: string;
  type: string;
  requestId: string;
};

/**
 * The only way a command's status moves, with its set-based forms below (fleet-wide requests
 * and polls move many rows in one statement). The allowed-transitions table is enforced inside
 * the write (updateMany on id + allowed source statuses), so two racing writers cannot both win;
 * the timeline entry and the audit entry commit in the same transaction as the change.
 * Returns false when the command was not in a state that allows this move.
 */
export async function transitionCommand(tx: Tx, t: TransitionInput): Promise<boolean> {
  const res = await tx.command.updateMany({
    where: { id: t.id, status: { in: sourcesOf(t.to) }, ...(t.where ?? {}) },
    data: { ...(t.data ?? {}), status: t.to, [TIMESTAMP_OF[t.to]]: t.at },
  });
  if (res.count === 0) return false;
  const cmd =
    t.known ??
    (await tx.command.findUniqueOrThrow({
      where: { id: t.id },
      select: { incidentId: true, hostId: true, type: true, requestId: true },
    }));
  await recordCommandEvent(tx, {
    ...cmd,
    commandId: t.id,
    action: `command.${t.to}`,
    actor: t.actor,
    summary: t.summary,
    at: t.at,
    details: t.details,
  });
  return true;
}

type SetTransition = { to: Exclude<CommandStatusName, "awaiting_approval">; at: Date };

/** Set-based form without per-row values: moves every command matching `where` that the table
 *  allows to reach `to`, stamping the transition's timestamp. History is the caller's (a
 *  fleet-wide move writes one summarising entry, not one per host). Returns { count } like updateMany. */
export async function transitionCommands(
  tx: Tx,
  t: SetTransition & {
    where: Prisma.CommandWhereInput;
    data?: Prisma.CommandUncheckedUpdateManyInput;
  },
): Promise<Prisma.BatchPayload> {
  return tx.command.updateMany({
    where: { AND: [t.where, { status: { in: sourcesOf(t.to) } }] },
    data: { ...(t.data ?? {}), status: t.to, [TIMESTAMP_OF[t.to]]: t.at },
  });
}

/**
 * Set-based form in SQL, for moves that set per-row values (`UPDATE … FROM unnest`) or must
 * claim rows with SKIP LOCKED. The caller gives the row filter and the other assignments; the
 * status, the allowed sources and the timestamp are written here, so the table holds for them
 * too. The timestamp is COALESCEd: on a real move it is still null (the table has no cycles),
 * on a re-entry (REENTERABLE, a redelivery) it keeps the first time. Statuses and column names
 * come from the closed table above, never from input, so they are inlined as literals.
 */
export async function transitionCommandsSql<R>(
  tx: Tx,
  t: SetTransition & {
    set?: Prisma.Sql;
    from?: Prisma.Sql;
    where: Prisma.Sql;
    returning: Prisma.Sql;
  },
): Promise<R[]> {
  const sources = [...sourcesOf(t.to), ...(REENTERABLE.has(t.to) ? [t.to] : [])];
  const col = Prisma.raw(`"${TIMESTAMP_OF[t.to]}"`);
  return tx.$queryRaw<R[]>(Prisma.sql`
    UPDATE "Command" AS c SET "status" = ${Prisma.raw(`'${t.to}'`)}, ${col} = COALESCE(c.${col}, ${t.at})${t.set ? Prisma.sql`, ${t.set}` : Prisma.empty}
    ${t.from ? Prisma.sql`FROM ${t.from}` : Prisma.empty}
    WHERE c."status" IN (${Prisma.raw(sources.map((s) => `'${s}'`).join(", "))}) AND (${t.where})
    RETURNING ${t.returning}`);
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
  e: {
    commandId: string;
    incidentId: string | null;
    hostId: string;
    type: string;
    requestId: string;
    action: string;
    actor: Actor;
    summary: string;
    at: Date;
    details?: Record<string, unknown>;
  },
) {
  const details = {
    commandId: e.commandId,
    requestId: e.requestId,
    hostId: e.hostId,
    type: e.type,
    ...(e.details ?? {}),
  };
  noteChange(tx, `command:${e.commandId}`, e.incidentId && `incident:${e.incidentId}`);
  if (e.incidentId) {
    await appendTimeline(tx, {
      incidentId: e.incidentId,
      at: e.at,
      type: e.action,
      actor: e.actor,
      source: "commands",
      summary: e.summary,
      details,
    });
  }
  await appendAudit(tx, {
    actor: e.actor,
    action: e.action,
    target: { type: "command", id: e.commandId },
    details,
  });
}
