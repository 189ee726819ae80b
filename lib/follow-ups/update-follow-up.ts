import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { assertActiveOwner } from "./assert-active-owner.ts";
import { recordFollowUpChange } from "./record.ts";
import { updateFollowUpInput } from "./schemas.ts";

/** Edits a follow-up; done and cancelled stamp their time, reopening clears it. */
export async function updateFollowUp(
  id: string,
  raw: unknown,
  actor: Extract<Actor, { type: "user" }>,
  db?: Db,
) {
  const input = updateFollowUpInput.parse(raw);
  return inTransaction(db, async (tx) => {
    await assertActiveOwner(tx, input.ownerId);
    const now = new Date();
    const data: Prisma.FollowUpUpdateManyMutationInput = {};
    if (input.title !== undefined) data.title = input.title;
    if (input.ownerId !== undefined) data.ownerId = input.ownerId;
    if (input.dueAt !== undefined) data.dueAt = input.dueAt;
    if (input.status)
      Object.assign(data, {
        status: input.status,
        doneAt: input.status === "done" ? now : null,
        cancelledAt: input.status === "cancelled" ? now : null,
      });
    const res = await tx.followUp.updateMany({ where: { id }, data });
    if (res.count === 0) throw new AppError("not_found", "That follow-up does not exist.");
    const f = await tx.followUp.findUniqueOrThrow({
      where: { id },
      select: { id: true, incidentId: true, title: true, status: true, ownerId: true, dueAt: true },
    });
    const what = input.status
      ? `${input.status === "open" ? "reopened" : `marked ${input.status}`}`
      : "edited";
    await recordFollowUpChange(tx, {
      incidentId: f.incidentId,
      followUpId: f.id,
      actor,
      action: "updated",
      summary: `Follow-up ${what}: ${f.title}`,
      details: {
        ...input,
        dueAt: input.dueAt === undefined ? undefined : (input.dueAt?.toISOString() ?? null),
      },
    });
    return f;
  });
}
