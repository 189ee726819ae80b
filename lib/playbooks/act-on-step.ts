import "server-only";
import { type Actor, systemActor } from "../audit/actor.ts";
import type { IssueActor } from "../commands/issue-command.ts";
import type { Db } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { notifyTarget } from "../notifications/notify-target.ts";
import { advanceRun, cancelStepTimers } from "./advance-run.ts";
import { issueStepCommand } from "./issue-step-command.ts";
import { commandStepSelect, frozenStepOf, lockStep } from "./lock-step.ts";
import { recordPlaybookEvent } from "./record.ts";
import { type StepAction, stepActionSchema, stepSummarySelect } from "./schemas.ts";
import { assertRoleHolder } from "./step-role-guard.ts";

type Loaded = Awaited<ReturnType<typeof loadStep>>;

async function loadStep(tx: Tx, stepRunId: string) {
  const step = await lockStep(tx, stepRunId, {
    id: true,
    ...stepSummarySelect,
    requestedById: true,
    checklist: true,
    run: { select: { id: true, incidentId: true, status: true, definition: true } },
  });
  if (!step) throw new AppError("not_found", "No such step.");
  const def = frozenStepOf(step);
  if (!def) throw new AppError("internal", "Step definition missing from the frozen run.");
  return { step, def };
}

/** POST /playbook-steps/{id}: `body` is the raw action. `{ action: "issue_command" }` alone
 *  issues the step's command (which needs the actor's role for the approval rules); every
 *  other action goes through the step action schema. A malformed id is no such step. */
export async function actOnStepFromBody(
  stepRunId: string,
  body: unknown,
  actor: IssueActor & { type: "user" },
) {
  if (!/^[0-9a-f-]{36}$/i.test(stepRunId)) throw new AppError("not_found", "No such step.");
  const b = body as { action?: unknown } | null;
  if (b && typeof b === "object" && b.action === "issue_command" && Object.keys(b).length === 1) {
    return { created: true, result: await issueStepCommand({ stepRunId, actor }) };
  }
  const action = parseInput(stepActionSchema, body);
  // The role was for issuing a step's command; the step itself records the person only.
  const { role: _role, ...person } = actor;
  return { created: false, result: await actOnStep({ stepRunId, action, actor: person }) };
}

/** What a responder does to a step. Every outcome is on the timeline and in the audit log. */
export async function actOnStep(
  input: {
    stepRunId: string;
    action: StepAction;
    actor: Extract<Actor, { type: "user" }>;
    now?: Date;
  },
  db?: Db,
) {
  return inTransaction(db, async (tx) => {
    const now = input.now ?? new Date();
    const { step, def } = await loadStep(tx, input.stepRunId);
    const a = input.action;
    if (step.run.status !== "active")
      throw new AppError("conflict", "This playbook run is no longer active.");
    if (step.status !== "ready")
      throw new AppError("conflict", `This step is ${step.status}, not ready.`);
    const wrongKind = (kinds: string[]) => {
      if (!kinds.includes(step.kind))
        throw new AppError(
          "invalid_input",
          `A ${step.kind} step cannot be handled with "${a.action}".`,
        );
    };
    const ev = (type: string, summary: string, details: Record<string, unknown> = {}) =>
      recordPlaybookEvent(tx, {
        incidentId: step.run.incidentId,
        actor: input.actor,
        type,
        summary,
        target: { type: "step_run", id: step.id },
        details: { step: step.key, ...details },
      });
    // Decisions and approvals belong to the step's role holder; an admin may override, on the record.
    if (a.action === "approve" || a.action === "reject" || a.action === "decide") {
      const override = await assertRoleHolder(
        tx,
        { role: step.role, incidentId: step.run.incidentId },
        input.actor,
      );
      if (override)
        await ev(
          "playbook.role_override",
          `${input.actor.label} (admin) acted for ${override.role} ${override.holderName}: ${a.action} on ${step.title}`,
          { role: override.role, holderId: override.holderId, action: a.action },
        );
    }
    const checklist = mergeChecklist(step.checklist, "checklist" in a ? a.checklist : undefined);
    switch (a.action) {
      case "save":
        wrongKind(["task", "command"]);
        await tx.stepRun.update({
          where: { id: step.id },
          data: { note: a.note ?? undefined, checklist: checklist as never },
        });
        await ev("playbook.step_updated", `Notes updated: ${step.title}`, {
          checklist: summary(checklist),
        });
        return { status: "ready" as const };
      case "complete":
        // Command steps may be completed by hand, with a note saying what was done and seen.
        wrongKind(["task", "command"]);
        if (step.kind === "command" && !a.note?.trim())
          throw new AppError("invalid_input", "Completing a command step by hand needs a note.", {
            errors: [{ path: "note", message: "required for a command step completed by hand" }],
          });
        await finish(tx, step, "done", now, input.actor, {
          note: a.note ?? null,
          checklist: checklist as never,
        });
        await ev(
          "playbook.step_completed",
          `Step done: ${step.title}${step.kind === "command" ? " (completed by hand)" : ""}`,
          { note: a.note ?? null, checklist: summary(checklist) },
        );
        break;
      case "request_approval":
        wrongKind(["approval"]);
        if (step.requestedById) throw new AppError("conflict", "Approval was already requested.");
        await tx.stepRun.update({
          where: { id: step.id },
          data: { requestedById: input.actor.id, requestedAt: now, note: a.note ?? null },
        });
        await ev(
          "playbook.approval_requested",
          `${input.actor.label} requested approval: ${step.title}`,
        );
        // Whoever holds the step's role (else the commander, else the managers) is told at once.
        await notifyTarget(tx, {
          incidentId: step.run.incidentId,
          target: { role: step.role ?? "commander" },
          title: `Approval requested: ${step.title}`,
          email: "approval",
          body: `${input.actor.label} asks for your approval.${a.note ? ` ${a.note}` : ""}`,
          excludeUserId: input.actor.id,
        });
        return { status: "ready" as const };
      case "approve":
      case "reject": {
        wrongKind(["approval"]);
        if (!step.requestedById)
          throw new AppError("conflict", "Nobody has requested this approval yet.");
        // Two-person rule: the requester can never approve (or reject) their own request.
        if (step.requestedById === input.actor.id)
          throw new AppError(
            "forbidden",
            "A second person must decide: you requested this approval.",
          );
        const approved = a.action === "approve";
        await finish(tx, step, approved ? "done" : "rejected", now, input.actor, {
          note: a.note ?? null,
        });
        await ev(
          approved ? "playbook.approval_granted" : "playbook.approval_rejected",
          `${approved ? "Approved" : "Rejected"} by ${input.actor.label}: ${step.title}`,
          { note: a.note ?? null },
        );
        break;
      }
      case "decide": {
        wrongKind(["decision"]);
        if (def.kind !== "decision" || !def.options.some((o) => o.key === a.choice)) {
          throw new AppError("invalid_input", "Unknown choice.", {
            errors: [
              {
                path: "choice",
                message: `choose one of ${def.kind === "decision" ? def.options.map((o) => o.key).join(", ") : ""}`,
              },
            ],
          });
        }
        await finish(tx, step, "done", now, input.actor, {
          choice: a.choice,
          note: a.note ?? null,
        });
        const label = def.options.find((o) => o.key === a.choice)!.label;
        await ev("playbook.decision_made", `Decision "${step.title}": ${label}`, {
          choice: a.choice,
        });
        break;
      }
    }
    await advanceRun(tx, step.run.id, now, input.actor);
    return { status: a.action === "reject" ? ("rejected" as const) : ("done" as const) };
  });
}

async function finish(
  tx: Tx,
  step: Loaded["step"],
  status: "done" | "rejected",
  now: Date,
  actor: Actor,
  data: Record<string, unknown>,
) {
  const res = await tx.stepRun.updateMany({
    where: { id: step.id, status: "ready" },
    data: {
      ...data,
      status,
      completedAt: now,
      completedById: actor.type === "user" ? actor.id : null,
      completedByName: actor.label,
    },
  });
  if (res.count !== 1) throw new AppError("conflict", "The step changed meanwhile; reload.");
  await cancelStepTimers(tx, step.id, now);
}

type ChecklistItem = { item: string; done: boolean };
function mergeChecklist(
  current: unknown,
  ticks: boolean[] | undefined,
): ChecklistItem[] | undefined {
  const items = Array.isArray(current) ? (current as ChecklistItem[]) : undefined;
  if (!items) return undefined;
  if (!ticks) return items;
  if (ticks.length !== items.length)
    throw new AppError("invalid_input", `The checklist has ${items.length} items.`, {
      errors: [{ path: "checklist", message: `expected ${items.length} booleans` }],
    });
  return items.map((it, i) => ({ item: it.item, done: ticks[i] }));
}
const summary = (c: ChecklistItem[] | undefined) =>
  c ? `${c.filter((x) => x.done).length}/${c.length}` : null;

/**
 * For the commands capability: a command request linked to a step reached a final state.
 * Success completes the step; a failure stays on the step (ready) for a responder to retry
 * or handle. Only the step's own request counts: the one issueStepCommand linked, of the
 * step's command type, for the run's incident (a superseded or foreign request never
 * completes a step).
 */
export async function completeCommandStep(
  tx: Tx,
  stepRunId: string,
  outcome: { requestId: string; status: "succeeded" | "failed"; reason?: string },
  now = new Date(),
) {
  const step = await lockStep(tx, stepRunId, commandStepSelect);
  if (!step) return false;
  if (step.kind !== "command" || step.status !== "ready" || step.commandId !== outcome.requestId)
    return false;
  const def = frozenStepOf(step);
  const req = await tx.commandRequest.findUnique({
    where: { id: outcome.requestId },
    select: { type: true, incidentId: true },
  });
  if (
    def?.kind !== "command" ||
    !req ||
    req.type !== def.command.type ||
    req.incidentId !== step.run.incidentId
  )
    return false;
  const actor = systemActor("command receipt");
  const target = { type: "step_run", id: step.id };
  if (outcome.status === "failed") {
    await tx.stepRun.update({
      where: { id: step.id },
      data: { note: `Command failed: ${outcome.reason ?? "no reason given"}` },
    });
    await recordPlaybookEvent(tx, {
      incidentId: step.run.incidentId,
      actor,
      type: "playbook.command_failed",
      summary: `Command failed for step ${step.title}: ${outcome.reason ?? "no reason"}`,
      target,
      details: { requestId: outcome.requestId },
    });
    return true;
  }
  await tx.stepRun.update({
    where: { id: step.id },
    data: { status: "done", completedAt: now, completedByName: "command receipt" },
  });
  await cancelStepTimers(tx, step.id, now);
  await recordPlaybookEvent(tx, {
    incidentId: step.run.incidentId,
    actor,
    type: "playbook.step_completed",
    summary: `Step done: ${step.title} (command succeeded)`,
    target,
    details: { requestId: outcome.requestId },
  });
  await advanceRun(tx, step.run.id, now);
  return true;
}
