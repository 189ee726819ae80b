import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import type { Tx } from "../db/transaction.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { findIncidentIdOrThrow } from "../incidents/find-incident-id-or-throw.ts";
import { notifyTarget } from "../notifications/notify-target.ts";
import { recordPlaybookEvent } from "./record.ts";
import { assignRoleInput } from "./schemas.ts";

export const BUILTIN_ROLE_INFO = [
  {
    key: "commander",
    label: "Incident commander",
    instructions: "Owns the incident: decides, approves, keeps everyone moving.",
  },
  {
    key: "investigator",
    label: "Investigator",
    instructions: "Finds out what happened and on which hosts.",
  },
  {
    key: "communications",
    label: "Communications",
    instructions: "Keeps stakeholders and users informed.",
  },
  { key: "scribe", label: "Scribe", instructions: "Keeps the timeline and writes the summary." },
];

/** Every incident has the built-in roles (commander always); a playbook adds its own. Never
 *  touches an existing assignment. */
export async function ensureIncidentRoles(
  tx: Tx,
  incidentId: string,
  extra: { key: string; label: string; instructions?: string }[],
) {
  await tx.incidentRole.createMany({
    data: [...BUILTIN_ROLE_INFO, ...extra].map((r) => ({
      incidentId,
      key: r.key,
      label: r.label,
      instructions: r.instructions ?? null,
    })),
    skipDuplicates: true,
  });
}

/** PUT /incidents/{ref}/roles: `body` is the raw { key, userId }. */
export async function assignIncidentRoleFromBody(ref: string, body: unknown, actor: Actor) {
  const input = parseInput(assignRoleInput, body);
  const inc = await findIncidentIdOrThrow(ref);
  return assignIncidentRole({ incidentId: inc.id, ...input, actor });
}

/** Puts a person in an incident role (or empties it with userId null). */
export async function assignIncidentRole(
  input: { incidentId: string; key: string; userId: string | null; actor: Actor },
  db?: Db,
) {
  return inTransaction(db, async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: input.incidentId },
      select: { id: true },
    });
    if (!incident) throw new AppError("not_found", "No such incident.");
    await ensureIncidentRoles(tx, input.incidentId, []);
    let name: string | null = null;
    if (input.userId) {
      const u = await tx.user.findFirst({
        where: { id: input.userId, status: "active" },
        select: { name: true, role: true },
      });
      if (!u)
        throw new AppError("invalid_input", "That user does not exist or is disabled.", {
          errors: [{ path: "userId", message: "unknown or disabled user" }],
        });
      if (u.role === "viewer")
        throw new AppError("invalid_input", "Viewers cannot hold incident roles.", {
          errors: [{ path: "userId", message: "viewers cannot hold incident roles" }],
        });
      name = u.name;
    }
    const res = await tx.incidentRole.updateMany({
      where: { incidentId: input.incidentId, key: input.key },
      data: { userId: input.userId, assignedAt: input.userId ? new Date() : null },
    });
    if (res.count === 0)
      throw new AppError("not_found", `This incident has no role "${input.key}".`);
    if (input.userId && input.userId !== input.actor.id)
      await notifyAssignee(tx, input.incidentId, input.key, input.userId);
    await recordPlaybookEvent(tx, {
      incidentId: input.incidentId,
      actor: input.actor,
      type: "incident.role_assigned",
      summary: name ? `${name} is now ${input.key}` : `Role ${input.key} emptied`,
      target: { type: "incident", id: input.incidentId },
      details: { role: input.key, userId: input.userId },
    });
    return { key: input.key, userId: input.userId };
  });
}

/** The new role holder hears it at once, with the steps now waiting on them (by title). */
async function notifyAssignee(tx: Tx, incidentId: string, key: string, userId: string) {
  const seat = await tx.incidentRole.findUniqueOrThrow({
    where: { incidentId_key: { incidentId, key } },
    select: { label: true },
  });
  const steps = await tx.stepRun.findMany({
    where: { role: key, status: "ready", run: { incidentId, status: "active" } },
    select: { title: true },
    orderBy: { readyAt: "asc" },
  });
  const body = steps.length
    ? `Waiting on you: ${steps.map((s) => `step "${s.title}"`).join(", ")}.`
    : "No step is waiting on this role yet.";
  await notifyTarget(tx, {
    incidentId,
    target: { role: key },
    userId,
    title: `You are now ${seat.label}`,
    email: "assignment",
    body,
  });
}
