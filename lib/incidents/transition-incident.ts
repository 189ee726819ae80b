import "server-only";
import { type Actor, SYSTEM } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { noteChange } from "../db/change-feed.ts";
import type { Db } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { appendTimeline, type TimelineSource } from "./append-timeline.ts";
import { CONTAINMENT_COMMAND_TYPES } from "./containment-types.ts";
import { resolveIncidentRef } from "./resolve-incident-ref.ts";
import { type TransitionInput, transitionInput } from "./schemas.ts";
import { canTransition, type IncidentStatus, noteRequired, STATUS_LABEL } from "./transitions.ts";

type Where = ReturnType<typeof resolveIncidentRef>;
type Moved = { id: string; key: string; status: IncidentStatus; at: Date };
/** Why the system moved an incident by itself (shown on the timeline entry). */
type SystemReason = { source: TimelineSource; details: Record<string, unknown>; at: Date };

/** Moves an incident along ALLOWED_TRANSITIONS: status, the transition's timestamp, a
 *  timeline entry and an audit entry commit together. The status check is in the UPDATE's
 *  WHERE, so two responders racing get one success and one 409, never a double move. */
export async function transitionIncident(ref: string, raw: unknown, actor: Actor, db?: Db) {
  const input = transitionInput.parse(raw);
  if (!canTransition(input.from, input.to)) {
    throw new AppError(
      "conflict",
      `An incident cannot go from ${STATUS_LABEL[input.from].toLowerCase()} to ${STATUS_LABEL[input.to].toLowerCase()}.`,
    );
  }
  if (noteRequired(input.from, input.to) && !input.note) {
    throw new AppError("invalid_input", "Say why in a note.", {
      errors: [
        {
          path: "note",
          message:
            input.to === "open"
              ? "A reopen needs a note"
              : "Closing without containment needs a note",
        },
      ],
    });
  }
  return inTransaction(db, async (tx) => {
    const where = resolveIncidentRef(ref);
    const moved = await move(tx, where, input, actor, ref);
    // Acknowledging an incident whose containment the receipts already verified: it is
    // contained, so say so now rather than wait for someone to click (issue 12, item 4).
    if (moved.status === "acknowledged")
      return (await containIfVerified(tx, moved.id, moved.at)) ?? moved;
    return moved;
  });
}

/**
 * Verified containment moves an acknowledged incident to contained, by the system, through
 * the same table and in the caller's transaction (the receipt's), citing the receipts.
 * An open incident stays open — nobody has looked at it yet, and MTTA must measure a person
 * — and is contained the moment someone acknowledges it (transitionIncident above).
 * Returns null when nothing moved (not verified yet, or not acknowledged).
 */
export async function containIfVerified(
  tx: Tx,
  incidentId: string,
  at: Date,
): Promise<Moved | null> {
  const inc = await tx.incident.findUnique({
    where: { id: incidentId },
    select: { status: true, containmentVerifiedAt: true },
  });
  if (!inc?.containmentVerifiedAt || inc.status !== "acknowledged") return null;
  const receipts = await tx.command.findMany({
    where: { incidentId, status: "succeeded", type: { in: [...CONTAINMENT_COMMAND_TYPES] } },
    orderBy: { succeededAt: "asc" },
    take: 50,
    select: { id: true, type: true, succeededAt: true, host: { select: { hostname: true } } },
  });
  const cited = receipts.map((c) => ({
    commandId: c.id,
    type: c.type,
    host: c.host.hostname,
    succeededAt: c.succeededAt?.toISOString() ?? null,
  }));
  const note = `containment verified by ${cited.length} succeeded receipt${cited.length === 1 ? "" : "s"} (${[...new Set(cited.map((c) => `${c.type} on ${c.host}`))].slice(0, 5).join(", ")}${cited.length > 5 ? ", …" : ""})`;
  return move(
    tx,
    { id: incidentId },
    { from: "acknowledged", to: "contained", note },
    SYSTEM,
    incidentId,
    {
      at,
      source: "commands",
      details: { containmentVerifiedAt: inc.containmentVerifiedAt.toISOString(), receipts: cited },
    },
  );
}

async function move(
  tx: Tx,
  where: Where,
  input: TransitionInput,
  actor: Actor,
  ref: string,
  system?: SystemReason,
): Promise<Moved> {
  const { from, to } = input;
  // A system move happens at the moment of its cause (the verifying receipt), so that
  // containedAt equals containmentVerifiedAt rather than trailing it by a commit's latency.
  const now = system?.at ?? new Date();
  const data: Prisma.IncidentUpdateManyMutationInput = { status: to, updatedAt: now };
  if (to === "recovered") data.recoveredAt = now;
  if (to === "closed") data.closedAt = now;
  if (to === "open") Object.assign(data, { reopenedAt: now, recoveredAt: null, closedAt: null });
  // A merged incident stays closed: its work continues on the incident it was merged into.
  const moved = await tx.incident.updateMany({
    where: { ...where, status: from, ...(to === "open" ? { mergedIntoId: null } : {}) },
    data,
  });
  if (moved.count === 0) {
    const current = await tx.incident.findFirst({
      where,
      select: { status: true, mergedInto: { select: { key: true } } },
    });
    if (!current) throw new AppError("not_found", `Incident ${ref} does not exist.`);
    if (current.mergedInto && to === "open")
      throw new AppError(
        "conflict",
        `This incident was merged into ${current.mergedInto.key}; work on that one.`,
        { extra: { mergedInto: current.mergedInto.key } },
      );
    throw new AppError(
      "conflict",
      `The incident is ${current.status} now, not ${from}; reload and try again.`,
      { extra: { currentStatus: current.status } },
    );
  }
  // First acknowledgement/containment only (see transitions.ts): a reopen must not
  // rewrite how fast the team first responded.
  if (to === "acknowledged")
    await tx.incident.updateMany({
      where: { ...where, acknowledgedAt: null },
      data: { acknowledgedAt: now },
    });
  if (to === "contained")
    await tx.incident.updateMany({
      where: { ...where, containedAt: null },
      data: { containedAt: now },
    });
  const incident = await tx.incident.findFirstOrThrow({
    where,
    select: { id: true, key: true, status: true },
  });
  const summary = system
    ? `${STATUS_LABEL[from]} → ${STATUS_LABEL[to]} automatically: ${input.note}`
    : `${STATUS_LABEL[from]} → ${STATUS_LABEL[to]}${input.note ? `: ${input.note}` : ""}`;
  await appendTimeline(tx, {
    incidentId: incident.id,
    at: now,
    type: `status.${to}`,
    actor,
    source: system?.source ?? "console",
    summary,
    details: { from, to, ...(input.note ? { note: input.note } : {}), ...(system?.details ?? {}) },
  });
  await appendAudit(tx, {
    actor,
    action: "incident.transitioned",
    target: { type: "incident", id: incident.id },
    details: {
      key: incident.key,
      from,
      to,
      note: input.note ?? null,
      ...(system ? { automatic: true } : {}),
    },
  });
  noteChange(tx, `incident:${incident.id}`);
  return { id: incident.id, key: incident.key, status: incident.status as IncidentStatus, at: now };
}
