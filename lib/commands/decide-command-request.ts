import "server-only";
import { appendAudit } from "../audit/append-audit.ts";
import { can, type Role } from "../auth/permissions.ts";
import type { Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";

export type Approver = { type: "user"; id: string; label: string; role: Role };

/**
 * Who may decide (approve or reject) a pending request: a lead (commands:approve — never a
 * peer responder) who is not the requester. Checked before the write; the write itself then
 * repeats "pending and not requested by me" in its WHERE, so a race cannot slip through.
 */
export function assertMayDecide(approver: Approver) {
  if (!can(approver.role, "commands:approve"))
    throw new AppError(
      "forbidden",
      "Only a manager or an admin may approve or reject a command request.",
    );
}

/** Writes a decision: only a pending request someone else made changes, so the who-may rule
 *  holds in the write itself; when nothing changed, says why. */
export async function writeDecision(
  tx: Tx,
  requestId: string,
  approver: Approver,
  verb: "approve" | "reject",
  data: Prisma.CommandRequestUpdateManyMutationInput,
) {
  const res = await tx.commandRequest.updateMany({
    where: {
      id: requestId,
      approval: "pending",
      OR: [{ requestedById: null }, { NOT: { requestedById: approver.id } }],
    },
    data,
  });
  if (res.count === 0) await explainUndecided(tx, requestId, approver, verb);
}

/** A decision in the audit log and, when the request belongs to an incident, on its timeline. */
export async function recordDecision(
  tx: Tx,
  d: {
    requestId: string;
    incidentId: string | null;
    approver: Approver;
    decision: "approved" | "rejected";
    at: Date;
    summary: string;
    auditDetails: Record<string, unknown>;
    timelineDetails: Record<string, unknown>;
  },
) {
  await appendAudit(tx, {
    actor: d.approver,
    action: `command.${d.decision}`,
    target: { type: "command_request", id: d.requestId },
    details: d.auditDetails,
  });
  if (d.incidentId) {
    await appendTimeline(tx, {
      incidentId: d.incidentId,
      at: d.at,
      type: `command.${d.decision}`,
      actor: d.approver,
      source: "commands",
      summary: d.summary,
      details: d.timelineDetails,
    });
  }
}

/** Why a decision's conditional write matched nothing: 404, 403 (own request) or 409. */
async function explainUndecided(
  tx: Tx,
  requestId: string,
  approver: Approver,
  verb: "approve" | "reject",
): Promise<never> {
  const req = await tx.commandRequest.findUnique({
    where: { id: requestId },
    select: { approval: true, requestedById: true },
  });
  if (!req) throw new AppError("not_found", "No such command request.");
  if (req.requestedById === approver.id)
    throw new AppError(
      "forbidden",
      `You cannot ${verb} your own command request; a second person must.`,
    );
  throw new AppError("conflict", `This request does not await approval (it is ${req.approval}).`);
}
