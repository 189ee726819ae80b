import "server-only";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { parseInput } from "../errors/parse-input.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";
import { type Approver, assertMayDecide, explainUndecided } from "./decide-command-request.ts";
import { rejectInput } from "./schemas.ts";
import { transitionCommands } from "./transition-command.ts";

/** POST …/reject: `body` is the raw { reason }. */
export async function rejectCommandRequestFromBody(
  requestId: string,
  approver: Approver,
  body: unknown,
) {
  return rejectCommandRequest(
    requestId,
    approver,
    parseInput(rejectInput, body, "Invalid rejection.").reason,
  );
}

/**
 * An approver refuses a whole pending request, with a reason: the request becomes
 * `rejected` and every one of its commands (none was ever signed) moves awaiting_approval →
 * cancelled in the same transaction. Same who-may rule as approving. Set-based, like
 * queueRequestCommands: one UPDATE for the commands, one timeline and one audit entry.
 */
export async function rejectCommandRequest(
  requestId: string,
  approver: Approver,
  reason: string,
  db?: Db,
  now = new Date(),
) {
  assertMayDecide(approver);
  return inTransaction(db, async (tx) => {
    const res = await tx.commandRequest.updateMany({
      where: {
        id: requestId,
        approval: "pending",
        OR: [{ requestedById: null }, { NOT: { requestedById: approver.id } }],
      },
      data: {
        approval: "rejected",
        rejectedById: approver.id,
        rejectedByLabel: approver.label,
        rejectedAt: now,
        rejectionReason: reason,
      },
    });
    if (res.count === 0) await explainUndecided(tx, requestId, approver, "reject");
    const cancelled = await transitionCommands(tx, {
      to: "cancelled",
      at: now,
      where: { requestId, status: "awaiting_approval" },
      data: { failureReason: `Request rejected by ${approver.label}: ${reason}` },
    });
    const req = await tx.commandRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { incidentId: true, type: true, hostCount: true, requestedByLabel: true },
    });
    await appendAudit(tx, {
      actor: approver,
      action: "command.rejected",
      target: { type: "command_request", id: requestId },
      details: {
        reason,
        type: req.type,
        hostCount: req.hostCount,
        cancelled: cancelled.count,
        approverRole: approver.role,
      },
    });
    if (req.incidentId) {
      await appendTimeline(tx, {
        incidentId: req.incidentId,
        at: now,
        type: "command.rejected",
        actor: approver,
        source: "commands",
        summary: `${approver.label} rejected ${req.requestedByLabel}'s ${req.type} on ${req.hostCount} host(s): ${reason}`,
        details: { requestId, cancelled: cancelled.count },
      });
    }
    return { requestId, approval: "rejected" as const, cancelled: cancelled.count };
  });
}
