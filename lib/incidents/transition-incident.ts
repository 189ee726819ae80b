import "server-only";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Actor } from "../audit/actor.ts";
import { AppError } from "../http/app-error.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { transitionInput } from "./schemas.ts";
import { canTransition, noteRequired, STATUS_LABEL, type IncidentStatus } from "./transitions.ts";
import { resolveIncidentRef } from "./resolve-incident-ref.ts";
import { noteChange } from "../db/change-feed.ts";

/** Moves an incident along ALLOWED_TRANSITIONS: status, the transition's timestamp, a
 *  timeline entry and an audit entry commit together. The status check is in the UPDATE's
 *  WHERE, so two responders racing get one success and one 409, never a double move. */
export async function transitionIncident(ref: string, raw: unknown, actor: Actor, db?: Db) {
  const input = transitionInput.parse(raw);
  const { from, to } = input;
  if (!canTransition(from, to)) {
    throw new AppError("conflict", `An incident cannot go from ${STATUS_LABEL[from].toLowerCase()} to ${STATUS_LABEL[to].toLowerCase()}.`);
  }
  if (noteRequired(from, to) && !input.note) {
    throw new AppError("invalid_input", "Say why in a note.", { errors: [{ path: "note", message: to === "open" ? "A reopen needs a note" : "Closing without containment needs a note" }] });
  }
  return inTransaction(db, async (tx) => {
    const where = resolveIncidentRef(ref);
    const now = new Date();
    const data: Prisma.IncidentUpdateManyMutationInput = { status: to, updatedAt: now };
    if (to === "recovered") data.recoveredAt = now;
    if (to === "closed") data.closedAt = now;
    if (to === "open") Object.assign(data, { reopenedAt: now, recoveredAt: null, closedAt: null });
    const moved = await tx.incident.updateMany({ where: { ...where, status: from }, data });
    if (moved.count === 0) {
      const current = await tx.incident.findFirst({ where, select: { status: true } });
      if (!current) throw new AppError("not_found", `Incident ${ref} does not exist.`);
      throw new AppError("conflict", `The incident is ${current.status} now, not ${from}; reload and try again.`, { extra: { currentStatus: current.status } });
    }
    // First acknowledgement/containment only (see transitions.ts): a reopen must not
    // rewrite how fast the team first responded.
    if (to === "acknowledged") await tx.incident.updateMany({ where: { ...where, acknowledgedAt: null }, data: { acknowledgedAt: now } });
    if (to === "contained") await tx.incident.updateMany({ where: { ...where, containedAt: null }, data: { containedAt: now } });
    const incident = await tx.incident.findFirstOrThrow({ where, select: { id: true, key: true, status: true } });
    await tx.timelineEntry.create({
      data: {
        incidentId: incident.id,
        at: now,
        type: `status.${to}`,
        actorType: actor.type,
        actorId: actor.id ?? null,
        actorLabel: actor.label,
        source: "console",
        summary: `${STATUS_LABEL[from]} → ${STATUS_LABEL[to]}${input.note ? `: ${input.note}` : ""}`,
        details: { from, to, ...(input.note ? { note: input.note } : {}) },
      },
    });
    await appendAudit(tx, { actor, action: "incident.transitioned", target: { type: "incident", id: incident.id }, details: { key: incident.key, from, to, note: input.note ?? null } });
    noteChange(tx, `incident:${incident.id}`);
    return { id: incident.id, key: incident.key, status: incident.status as IncidentStatus, at: now };
  });
}
