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
import { queueRequestCommands } from "./issue-command.ts";
import { approveInput } from "./schemas.ts";
import { notifyHosts } from "./waiters.ts";

/** POST …/approve: `body` is the raw { comment? }. */
export async function approveCommandRequestFromBody(
  requestId: string,
  approver: Approver,
  body: unknown,
) {
  return approveCommandRequest(
    requestId,
    approver,
    parseInput(approveInput, body, "Invalid approval.").comment,
  );
}

/**
 * The second person's approval: a manager or admin, never the requester (403). The
 * requester check is in the write itself (requestedById <> approver), so it cannot be raced.
 */
export async function approveCommandRequest(
  requestId: string,
  approver: Approver,
  comment: string | undefined,
  db?: Db,
  now = new Date(),
) {
  assertMayDecide(approver);
  const hostIds = await inTransaction(db, async (tx) => {
    await writeDecision(tx, requestId, approver, "approve", {
      approval: "approved",
      approvedById: approver.id,
      approvedByLabel: approver.label,
      approvedAt: now,
    });
    const req = await tx.commandRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { incidentId: true, type: true, hostCount: true },
    });
    await recordDecision(tx, {
      requestId,
      incidentId: req.incidentId,
      approver,
      decision: "approved",
      at: now,
      summary: `${approver.label} approved ${req.type} on ${req.hostCount} host(s)${comment ? `: ${comment}` : ""}`,
      auditDetails: {
        comment,
        type: req.type,
        hostCount: req.hostCount,
        approverRole: approver.role,
      },
      timelineDetails: { requestId },
    });
    return queueRequestCommands(tx, requestId, approver, now);
  });
  notifyHosts(hostIds);
  return { requestId, queued: hostIds.length };
}
