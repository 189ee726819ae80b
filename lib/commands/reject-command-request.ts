import "server-only";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { parseInput } from "../errors/parse-input.ts";
import {
  type Approver,
  assertMayDecide,
  recordDecision,
  writeDecision,
} from "./decide-command-request.ts";
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
    await writeDecision(tx, requestId, approver, "reject", {
      approval: "rejected",
      rejectedById: approver.id,
      rejectedByLabel: approver.label,
      rejectedAt: now,
      rejectionReason: reason,
    });
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
    await recordDecision(tx, {
      requestId,
      incidentId: req.incidentId,
      approver,
      decision: "rejected",
      at: now,
      summary: `${approver.label} rejected ${req.requestedByLabel}'s ${req.type} on ${req.hostCount} host(s): ${reason}`,
      auditDetails: {
        reason,
        type: req.type,
        hostCount: req.hostCount,
        cancelled: cancelled.count,
        approverRole: approver.role,
      },
      timelineDetails: { requestId, cancelled: cancelled.count },
    });
    return { requestId, approval: "rejected" as const, cancelled: cancelled.count };
  });
}
