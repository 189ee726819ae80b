import "server-only";
import { can, type Role } from "../auth/permissions.ts";
import type { Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";

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

/** Why a decision's conditional write matched nothing: 404, 403 (own request) or 409. */
export async function explainUndecided(
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
