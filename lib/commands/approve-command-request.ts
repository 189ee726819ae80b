import "server-only";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { parseInput } from "../errors/parse-input.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";
import { type Approver, assertMayDecide, explainUndecided } from "./decide-command-request.ts";
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
    const res = await tx.commandRequest.updateMany({
      where: {
        id: requestId,
        approval: "pending",
        OR: [{ requestedById: null }, { NOT: { requestedById: approver.id } }],
      },
      data: {
        approval: "approved",
        approvedById: approver.id,
        approvedByLabel: approver.label,
        approvedAt: now,
      },
    });
    if (res.count === 0) await explainUndecided(tx, requestId, approver, "approve");
    const req = await tx.commandRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { incidentId: true, type: true, hostCount: true },
    });
    await appendAudit(tx, {
      actor: approver,
      action: "command.approved",
      target: { type: "command_request", id: requestId },
      details: { comment, type: req.type, hostCount: req.hostCount, approverRole: approver.role },
    });
    if (req.incidentId) {
      await appendTimeline(tx, {
        incidentId: req.incidentId,
        at: now,
        type: "command.approved",
        actor: approver,
        source: "commands",
        summary: `${approver.label} approved ${req.type} on ${req.hostCount} host(s)${comment ? `: ${comment}` : ""}`,
        details: { requestId },
      });
    }
    return queueRequestCommands(tx, requestId, approver, now);
  });
  notifyHosts(hostIds);
  return { requestId, queued: hostIds.length };
}
