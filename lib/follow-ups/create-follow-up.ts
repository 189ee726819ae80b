import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { resolveIncidentRef } from "../incidents/resolve-incident-ref.ts";
import { assertActiveOwner } from "./assert-active-owner.ts";
import { recordFollowUpChange } from "./record.ts";
import { createFollowUpInput } from "./schemas.ts";

export async function createFollowUp(
  ref: string,
  raw: unknown,
  actor: Extract<Actor, { type: "user" }>,
  db?: Db,
) {
  const input = createFollowUpInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const incident = await tx.incident.findFirst({
      where: resolveIncidentRef(ref),
      select: { id: true, key: true },
    });
    if (!incident) throw new AppError("not_found", `Incident ${ref} does not exist.`);
    await assertActiveOwner(tx, input.ownerId);
    const f = await tx.followUp.create({
      data: {
        incidentId: incident.id,
        title: input.title,
        ownerId: input.ownerId ?? null,
        dueAt: input.dueAt ?? null,
        createdById: actor.id,
      },
      select: { id: true, title: true, ownerId: true, dueAt: true, status: true },
    });
    await recordFollowUpChange(tx, {
      incidentId: incident.id,
      followUpId: f.id,
      actor,
      action: "created",
      summary: `Follow-up added: ${f.title}`,
      details: { title: f.title, ownerId: f.ownerId, dueAt: f.dueAt?.toISOString() ?? null },
    });
    return { ...f, incidentKey: incident.key };
  });
}
