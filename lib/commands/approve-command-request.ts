import "server-only";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../http/app-error.ts";
import { queueRequestCommands } from "./issue-command.ts";
import { notifyHosts } from "./waiters.ts";

/**
 * The second person's approval. The requester can never approve their own request (403);
 * the check is in the write itself (requestedById <> approver), so it cannot be raced.
 */
export async function approveCommandRequest(requestId: string, approver: Actor & { type: "user" }, comment: string | undefined, db?: Db, now = new Date()) {
  const hostIds = await inTransaction(db, async (tx) => {
    const res = await tx.commandRequest.updateMany({
      where: { id: requestId, approval: "pending", NOT: { requestedById: approver.id } },
      data: { approval: "approved", approvedById: approver.id, approvedByLabel: approver.label, approvedAt: now },
    });
    if (res.count === 0) {
      const req = await tx.commandRequest.findUnique({ where: { id: requestId }, select: { approval: true, requestedById: true } });
      if (!req) throw new AppError("not_found", "No such command request.");
      if (req.requestedById === approver.id) throw new AppError("forbidden", "You cannot approve your own command request; a second person must.");
      throw new AppError("conflict", `This request does not await approval (it is ${req.approval}).`);
    }
    const req = await tx.commandRequest.findUniqueOrThrow({ where: { id: requestId }, select: { incidentId: true, type: true, hostCount: true } });
    await appendAudit(tx, { actor: approver, action: "command.approved", target: { type: "command_request", id: requestId }, details: { comment, type: req.type, hostCount: req.hostCount } });
    if (req.incidentId) {
      await tx.timelineEntry.create({
        data: { incidentId: req.incidentId, at: now, type: "command.approved", actorType: "user", actorId: approver.id, actorLabel: approver.label, source: "commands", summary: `${approver.label} approved ${req.type} on ${req.hostCount} host(s)${comment ? `: ${comment}` : ""}`, details: { requestId } as never },
      });
    }
    return queueRequestCommands(tx, requestId, approver, now);
  });
  notifyHosts(hostIds);
  return { requestId, queued: hostIds.length };
}
