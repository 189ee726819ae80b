import "server-only";
import { actorOfUser } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { type Permission, type Role, userCan } from "../auth/permissions.ts";
import type { Db } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { type LockedIncident, lockedPair } from "./lock-incidents.ts";
import { recordIncidentChange } from "./record-incident-change.ts";
import { mergeInput } from "./schemas.ts";
import { transitionIncident } from "./transition-incident.ts";

type MergingUser = { id: string; name: string; role: Role; scopes?: readonly Permission[] };

/**
 * "This incident is a duplicate of that one": it is closed through the transition table
 * (status.closed on its timeline, closedAt set, MTTR as for any close), marked mergedInto,
 * and both timelines say so. Who: a lead (incidents:merge), or the incident's own commander
 * — the person who owns it may decide it is a duplicate. Both rows are locked in id order
 * first, so A→B and B→A at the same moment give one merge and one 409, never a cycle.
 */
export async function mergeIncident(ref: string, raw: unknown, user: MergingUser, db?: Db) {
  const input = mergeInput.parse(raw);
  const actor = actorOfUser(user);
  return inTransaction(db, async (tx) => {
    const [src, into] = await lockedPair(tx, ref, input.into, "merge");
    await authoriseMerge(tx, src, user);
    refuseMerge(src, into);
    const note = `Merged into ${into.key}${input.note ? `: ${input.note}` : ""}`;
    await transitionIncident(src.id, { from: src.status, to: "closed", note }, actor, tx);
    const now = new Date();
    // The lock makes this the only writer; the WHERE keeps a merge from ever being rewritten.
    const marked = await tx.incident.updateMany({
      where: { id: src.id, mergedIntoId: null },
      data: { mergedIntoId: into.id, mergedAt: now },
    });
    if (marked.count !== 1) throw new AppError("conflict", `${src.key} has already been merged.`);
    const details = { into: into.key, intoId: into.id, note: input.note ?? null };
    await recordIncidentChange(tx, {
      incidentId: src.id,
      actor,
      type: "incident.merged",
      summary: `Merged into ${into.key} (${into.title}) by ${actor.label}`,
      details,
    });
    await recordIncidentChange(tx, {
      incidentId: into.id,
      actor,
      type: "incident.merge_received",
      summary: `${src.key} merged into this incident by ${actor.label}`,
      details: { from: src.key, fromId: src.id, note: input.note ?? null },
    });
    await appendAudit(tx, {
      actor,
      action: "incident.merged",
      target: { type: "incident", id: src.id },
      details: { key: src.key, ...details },
    });
    return {
      key: src.key,
      status: "closed" as const,
      mergedInto: { key: into.key, title: into.title },
      mergedAt: now,
    };
  });
}

async function authoriseMerge(tx: Tx, src: LockedIncident, user: MergingUser) {
  if (userCan(user, "incidents:merge")) return;
  const commander = await tx.incidentRole.findFirst({
    where: { incidentId: src.id, key: "commander", userId: user.id },
    select: { key: true },
  });
  if (!commander)
    throw new AppError(
      "forbidden",
      `Only a manager, an admin or ${src.key}'s commander can merge it.`,
    );
}

/** The refusals, each a 409 that says what to do instead. Merged incidents are closed, so
 *  "into a closed or merged incident" also rules out every cycle (A→B→A, A→B→C→A). */
function refuseMerge(src: LockedIncident, into: LockedIncident) {
  if (src.mergedIntoId) throw new AppError("conflict", `${src.key} has already been merged.`);
  if (src.status === "closed")
    throw new AppError(
      "conflict",
      `${src.key} is closed; only an incident still being worked can be merged.`,
    );
  // contained → closed is not an edge of the table (recovery is measured): say so rather
  // than invent a recovery nobody made.
  if (src.status === "contained")
    throw new AppError("conflict", `${src.key} is contained; mark it recovered before merging it.`);
  if (into.mergedIntoId)
    throw new AppError(
      "conflict",
      `${into.key} was itself merged; merge into the incident it was merged into.`,
    );
  if (into.status === "closed")
    throw new AppError(
      "conflict",
      `${into.key} is closed; reopen it or merge into an incident still being worked.`,
    );
}
