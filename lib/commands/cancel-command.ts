import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { cancelTimer } from "../timers/schedule-timer.ts";
import { cancelInput } from "./schemas.ts";
import { recordCommandEvent, transitionCommand } from "./transition-command.ts";

/** POST /commands/{id}/cancel: `body` is the raw { reason }. */
export async function cancelCommandFromBody(commandId: string, actor: Actor, body: unknown) {
  return cancelCommand(
    commandId,
    actor,
    parseInput(cancelInput, body, "A cancel needs a reason.").reason,
  );
}

/**
 * Cancel: a command the agent has not been handed (awaiting approval or queued) is cancelled
 * at once. One already delivered may be executing: the protocol has no recall, so the cancel
 * request is recorded and shown, and the receipts still decide the outcome.
 */
export async function cancelCommand(
  commandId: string,
  actor: Actor,
  reason: string,
  db?: Db,
  now = new Date(),
) {
  return inTransaction(db, async (tx) => {
    const moved = await transitionCommand(tx, {
      id: commandId,
      to: "cancelled",
      at: now,
      actor,
      summary: `${actor.label} cancelled the command: ${reason}`,
      details: { reason },
      where: { status: { in: ["awaiting_approval", "queued"] } },
    });
    if (moved) {
      await cancelTimer(tx, `cmd-expire:${commandId}`, { unlessFiring: true });
      return { commandId, outcome: "cancelled" as const };
    }
    const res = await tx.command.updateMany({
      where: {
        id: commandId,
        status: { in: ["delivered", "acknowledged"] },
        cancelRequestedAt: null,
      },
      data: { cancelRequestedAt: now, cancelRequestedBy: actor.label },
    });
    const cmd = await tx.command.findUnique({
      where: { id: commandId },
      select: { status: true, incidentId: true, hostId: true, type: true, requestId: true },
    });
    if (!cmd) throw new AppError("not_found", "No such command.");
    if (res.count === 0) {
      if (cmd.status === "delivered" || cmd.status === "acknowledged")
        return { commandId, outcome: "cancel_requested" as const };
      throw new AppError("conflict", `The command is already ${cmd.status}.`);
    }
    await recordCommandEvent(tx, {
      commandId,
      ...cmd,
      action: "command.cancel_requested",
      actor,
      at: now,
      summary: `${actor.label} asked to cancel a command already ${cmd.status} to the agent: ${reason}`,
      details: { reason },
    });
    return { commandId, outcome: "cancel_requested" as const };
  });
}
