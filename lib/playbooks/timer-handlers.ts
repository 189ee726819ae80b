import "server-only";
import { SYSTEM } from "../audit/actor.ts";
import type { Tx } from "../db/transaction.ts";
import { notifyTarget } from "../notifications/notify-target.ts";
import type { TimerHandler } from "../timers/run-due-timers.ts";
import {
  advanceRun,
  cancelStepTimers,
  lockRun,
  scheduleEscalation,
  TIMER_ESCALATE,
  TIMER_SLA,
  TIMER_WAIT,
} from "./advance-run.ts";
import type { PlaybookDefinition } from "./definition.ts";
import { escalationTarget } from "./escalation.ts";
import { recordPlaybookEvent } from "./record.ts";
import { stepClockOf } from "./step-clock.ts";

// Each handler runs in the transaction that claimed its timer row (FOR UPDATE SKIP LOCKED),
// and re-checks the step under the run lock, so a timer for a step that was finished
// meanwhile, or a level that already fired, does nothing.

async function load(tx: Tx, stepRunId: string) {
  const probe = await tx.stepRun.findUnique({ where: { id: stepRunId }, select: { runId: true } });
  if (!probe) return null;
  await lockRun(tx, probe.runId);
  const step = await tx.stepRun.findUnique({
    where: { id: stepRunId },
    select: {
      id: true,
      key: true,
      title: true,
      status: true,
      role: true,
      readyAt: true,
      escalationLevel: true,
      breachedAt: true,
      run: { select: { id: true, incidentId: true, status: true, definition: true } },
    },
  });
  if (!step || step.status !== "ready" || step.run.status !== "active") return null;
  const playbook = step.run.definition as unknown as PlaybookDefinition;
  const def = playbook.steps.find((s) => s.id === step.key);
  return def ? { step, def, playbook } : null;
}

const slaBreached: TimerHandler = async (tx, timer, now) => {
  const l = await load(tx, String(timer.payload.stepRunId));
  if (!l || l.step.breachedAt) return;
  await tx.stepRun.update({ where: { id: l.step.id }, data: { breachedAt: now } });
  const res = await notifyTarget(tx, {
    incidentId: l.step.run.incidentId,
    target: { role: l.step.role ?? "commander" },
    team: l.playbook.team,
    title: `SLA breached: ${l.step.title}`,
    email: "escalation",
    body: `The ${l.def.slaMinutes}-minute SLA of this step has passed.`,
  });
  await recordPlaybookEvent(tx, {
    incidentId: l.step.run.incidentId,
    actor: SYSTEM,
    type: "playbook.sla_breached",
    summary: `SLA breached: ${l.step.title} (notified ${res.resolvedVia})`,
    target: { type: "step_run", id: l.step.id },
    details: { step: l.step.key, dueAt: timer.dueAt, firedAt: now.toISOString() },
  });
};

const escalate: TimerHandler = async (tx, timer, now) => {
  const level = Number(timer.payload.level);
  const l = await load(tx, String(timer.payload.stepRunId));
  if (!l || !l.def.escalation || !l.step.readyAt) return;
  // The level counter is the idempotency guard: a level fires only from the state before it.
  const moved = await tx.stepRun.updateMany({
    where: { id: l.step.id, escalationLevel: level },
    data: { escalationLevel: level + 1 },
  });
  if (moved.count !== 1) return;
  const target = escalationTarget(l.def.escalation, level);
  const res = await notifyTarget(tx, {
    incidentId: l.step.run.incidentId,
    target,
    team: l.playbook.team,
    title: `Escalation level ${level + 1}: ${l.step.title}`,
    email: "escalation",
    body: `Nobody has finished this step yet. You are level ${level + 1} of its escalation chain.`,
  });
  await recordPlaybookEvent(tx, {
    incidentId: l.step.run.incidentId,
    actor: SYSTEM,
    type: "playbook.step_escalated",
    summary: `Escalated to level ${level + 1}: ${l.step.title} → ${res.resolvedVia}`,
    target: { type: "step_run", id: l.step.id },
    details: {
      step: l.step.key,
      level: level + 1,
      recipients: res.userIds.length,
      webhooks: res.webhooks,
      firedAt: now.toISOString(),
    },
  });
  await scheduleEscalation(
    tx,
    { id: l.step.id, readyAt: l.step.readyAt },
    l.def,
    level + 1,
    await stepClockOf(tx, l.step.run.incidentId),
  );
};

const waitOver: TimerHandler = async (tx, timer, now) => {
  const l = await load(tx, String(timer.payload.stepRunId));
  if (!l || l.def.kind !== "wait") return;
  await tx.stepRun.update({
    where: { id: l.step.id },
    data: { status: "done", completedAt: now, completedByName: "system" },
  });
  await cancelStepTimers(tx, l.step.id, now);
  await recordPlaybookEvent(tx, {
    incidentId: l.step.run.incidentId,
    actor: SYSTEM,
    type: "playbook.step_completed",
    summary: `Wait over: ${l.step.title}`,
    target: { type: "step_run", id: l.step.id },
    details: { step: l.step.key },
  });
  await advanceRun(tx, l.step.run.id, now);
};

export const PLAYBOOK_TIMER_HANDLERS: Record<string, TimerHandler> = {
  [TIMER_SLA]: slaBreached,
  [TIMER_ESCALATE]: escalate,
  [TIMER_WAIT]: waitOver,
};
