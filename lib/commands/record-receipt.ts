import "server-only";
import { actorOfHost } from "../audit/actor.ts";
import { groupCommit } from "../db/group-commit.ts";
import type { Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { type CommandTypeName, receiptInput } from "../protocol/commands.ts";
import { cancelTimer } from "../timers/schedule-timer.ts";
import { CONTAINMENT_TYPES } from "./config.ts";
import { onCommandFinished } from "./on-command-finished.ts";
import { expireUnreceivedCommand, transitionCommand } from "./transition-command.ts";
import { type CommandStatusName, FINISHED } from "./transitions.ts";

const TARGET: Record<
  "received" | "succeeded" | "failed" | "rejected",
  "acknowledged" | "succeeded" | "failed"
> = {
  received: "acknowledged",
  succeeded: "succeeded",
  failed: "failed",
  rejected: "failed",
};

export type ReceiptOutcome = { commandId: string; status: CommandStatusName; changed: boolean };

/**
 * POST /commands/{id}/receipts, exactly per protocol: the host comes from its token; another
 * host's command is 404 (existence not revealed); the same receipt twice is 200 and changes
 * nothing; a receipt that would move a finished command elsewhere is 409; a receipt for an
 * expired command that was never received is 410.
 */
export async function recordReceipt(
  host: { id: string; hostname: string },
  commandId: string,
  raw: unknown,
  now = new Date(),
): Promise<ReceiptOutcome> {
  const r = parseInput(receiptInput, raw, "Invalid receipt.");
  if (r.status === "rejected" && !r.reason)
    throw new AppError("invalid_input", "A rejected receipt needs a reason.", {
      errors: [{ path: "reason", message: "required for rejected" }],
    });
  const actor = actorOfHost(host);
  const to = TARGET[r.status];

  // Receipts of a fleet arrive together: they share a transaction (lib/db/group-commit.ts).
  const out = await groupCommit(async (tx): Promise<ReceiptOutcome | "gone"> => {
    // Row lock: concurrent receipts for one command are applied one after the other. The same
    // read brings what the transition and its consequences need, and whether this receipt is
    // stored already, so a receipt costs as few round trips as it can (a fleet sends thousands).
    const rows = await tx.$queryRaw<
      {
        id: string;
        status: CommandStatusName;
        acknowledgedAt: Date | null;
        expiresAt: Date | null;
        issuedAt: Date | null;
        type: CommandTypeName;
        incidentId: string | null;
        requestId: string;
        stepRunId: string | null;
        dup: boolean;
      }[]
    >`
      SELECT c."id", c."status"::text AS "status", c."acknowledgedAt", c."expiresAt", c."issuedAt",
             c."type"::text AS "type", c."incidentId", c."requestId", r."stepRunId",
             EXISTS (SELECT 1 FROM "CommandReceipt" x WHERE x."commandId" = c."id" AND x."status" = ${r.status}) AS "dup"
      FROM "Command" c JOIN "CommandRequest" r ON r."id" = c."requestId"
      WHERE c."id" = ${commandId} AND c."hostId" = ${host.id} FOR NO KEY UPDATE OF c`;
    const cmd = rows[0];
    if (!cmd) throw new AppError("not_found", "No such command.");
    if (cmd.dup) return { commandId, status: cmd.status, changed: false };
    if (cmd.status === "expired" && !cmd.acknowledgedAt) return "gone";
    // Past expiresAt and never received, but the sweep has not run yet: the command is dead
    // all the same. Expire it here (committed, as the sweep would) and answer 410.
    if (
      !cmd.acknowledgedAt &&
      cmd.expiresAt &&
      cmd.expiresAt <= now &&
      (await expireUnreceivedCommand(tx, commandId, now))
    ) {
      await cancelTimer(tx, `cmd-expire:${commandId}`, { unlessFiring: true });
      return "gone";
    }
    if (FINISHED.has(cmd.status)) {
      // Another terminal receipt saying the same thing (e.g. rejected after failed) changes nothing.
      if (cmd.status === to) return { commandId, status: cmd.status, changed: false };
      throw new AppError(
        "conflict",
        `The command is already ${cmd.status}; this receipt would move it to ${to}.`,
      );
    }
    if (cmd.status === "acknowledged" && to === "acknowledged")
      return { commandId, status: cmd.status, changed: false };
    if (cmd.status !== "delivered" && cmd.status !== "acknowledged") {
      throw new AppError("conflict", `The command was never delivered (it is ${cmd.status}).`);
    }
    await tx.commandReceipt.create({
      data: {
        commandId,
        status: r.status,
        at: new Date(r.at),
        receivedAt: now,
        result: (r.result ?? undefined) as never,
        reason: r.reason ?? null,
      },
    });
    const final = to !== "acknowledged";
    const moved = await transitionCommand(tx, {
      id: commandId,
      to,
      at: now,
      actor,
      summary: summaryFor(cmd.type, host.hostname, r.status, r.reason),
      data: {
        ...(final
          ? {
              result: (r.result ?? undefined) as never,
              failureReason: to === "failed" ? (r.reason ?? "failed") : null,
              leaseUntil: null,
            }
          : {}),
        ...(final && !cmd.acknowledgedAt ? { acknowledgedAt: now } : {}),
      },
      details: { receipt: r.status, agentAt: r.at, reason: r.reason, result: r.result },
      known: {
        incidentId: cmd.incidentId,
        hostId: host.id,
        type: cmd.type,
        requestId: cmd.requestId,
      },
    });
    if (!moved)
      throw new AppError("conflict", "The command changed state concurrently; retry the receipt.");
    if (final) {
      await cancelTimer(tx, `cmd-expire:${commandId}`, { unlessFiring: true });
      await onCommandFinished(tx, { ...cmd, status: to, hostId: host.id }, now);
    }
    return { commandId, status: to, changed: true };
  });
  if (out === "gone") throw new AppError("gone", "The command expired before it was received.");
  return out;
}

function summaryFor(type: string, hostname: string, status: string, reason?: string) {
  switch (status) {
    case "received":
      return `${hostname} acknowledged ${type}`;
    case "succeeded":
      return `${hostname} reports ${type} succeeded${CONTAINMENT_TYPES.has(type as CommandTypeName) ? " (containment applied)" : ""}`;
    case "rejected":
      return `${hostname} REJECTED ${type}: ${reason}`;
    default:
      return `${hostname} reports ${type} failed${reason ? `: ${reason}` : ""}`;
  }
}

export type { Tx };
