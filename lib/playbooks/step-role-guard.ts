import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";

export type RoleOverride = { role: string; holderId: string; holderName: string } | null;

/**
 * Approvals and decisions of a step owned by an incident role are the role holder's: anyone
 * else is refused (403), except an admin, whose override the caller records on the timeline
 * and in the audit log. An unfilled role reserves nothing — the step must not be stuck
 * because a seat is empty — and the UI says so ("anyone may act: role unfilled").
 */
export async function assertRoleHolder(
  tx: Tx,
  step: { role: string | null; incidentId: string },
  actor: Extract<Actor, { type: "user" }>,
): Promise<RoleOverride> {
  if (!step.role) return null;
  const seat = await tx.incidentRole.findUnique({
    where: { incidentId_key: { incidentId: step.incidentId, key: step.role } },
    select: { label: true, userId: true },
  });
  if (!seat?.userId || seat.userId === actor.id) return null;
  const [me, holder] = await Promise.all([
    tx.user.findUnique({ where: { id: actor.id }, select: { role: true } }),
    tx.user.findUnique({ where: { id: seat.userId }, select: { name: true } }),
  ]);
  const holderName = holder?.name ?? "the role holder";
  if (me?.role !== "admin")
    throw new AppError("forbidden", `This is for the ${seat.label} (${holderName}) to decide.`);
  return { role: step.role, holderId: seat.userId, holderName };
}
