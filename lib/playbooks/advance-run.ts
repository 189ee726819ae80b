import "server-only";
import { type Actor, SYSTEM } from "../audit/actor.ts";
import type { Tx } from "../db/transaction.ts";
import { env } from "../env.ts";
import { notifyTarget } from "../notifications/notify-target.ts";
import { scheduleTimer } from "../timers/schedule-timer.ts";
import { isSettled, nextTransitions, type StepState } from "./dag.ts";
import type { PlaybookDefinition, StepDefinition } from "./definition.ts";
import { escalationDueAt } from "./escalation.ts";
import { recordPlaybookEvent } from "./record.ts";
import { type StepClock, stepClockOf } from "./step-clock.ts";

export const TIMER_SLA = "playbook.sla";
export const TIMER_ESCALATE = "playbook.escalate";
export const TIMER_WAIT = "playbook.wait";

export const minuteMs = () => env.BREAKWATER_PLAYBOOK_MINUTE_MS;

/** Serialises every change to one run (step actions, timers, command receipts). */
export async function lockRun(tx: Tx, runId: string) {
  await tx.$executeRaw`SELECT 1 FROM "PlaybookRun" WHERE "id" = ${runId} FOR NO KEY UPDATE`;
}

/** Cancels the pending timers of a step that no longer needs them (done, skipped, rejected). */
export async function cancelStepTimers(tx: Tx, stepRunId: string, now: Date) {
  await tx.timer.updateMany({
    where: {
      status: "pending",
      OR: [
        { dedupeKey: `sla:${stepRunId}` },
        { dedupeKey: `wait:${stepRunId}` },
        { dedupeKey: { startsWith: `esc:${stepRunId}:` } },
      ],
    },
    data: { status: "cancelled", cancelledAt: now },
  });
}

export async function scheduleEscalation(
  tx: Tx,
  step: { id: string; readyAt: Date },
  def: StepDefinition,
  level: number,
  clock: StepClock,
) {
  if (!def.escalation) return;
  const at = escalationDueAt(step.readyAt, def.escalation, level, minuteMs());
  // One timer row per level (its own dedupe key): the handler of level n schedules n+1
  // while its own row is still being marked done.
  if (at) {
    const due = clock(step.readyAt, at.getTime() - step.readyAt.getTime());
    await scheduleTimer(tx, {
      kind: TIMER_ESCALATE,
      dueAt: due.dueAt,
      payload: { ...due.payload, stepRunId: step.id, level },
      dedupeKey: `esc:${step.id}:${level}`,
    });
  }
}

/**
 * Moves a run forward after any change: pending steps whose prerequisites settled become
 * ready (timers scheduled, notify steps sent) or skipped; a run whose steps all settled
 * completes. Call with the run locked (lockRun).
 */
export async function advanceRun(tx: Tx, runId: string, now: Date, actor: Actor = SYSTEM) {
  const run = await tx.playbookRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      incidentId: true,
      status: true,
      definition: true,
      slug: true,
      version: true,
    },
  });
  if (!run || run.status !== "active") return;
  const def = run.definition as unknown as PlaybookDefinition;
  // A drill's incident runs its SLAs, escalations and waits on the drill clock.
  const clock = await stepClockOf(tx, run.incidentId);
  const byKey = new Map(def.steps.map((s) => [s.id, s]));
  for (let guard = 0; guard < def.steps.length + 2; guard++) {
    const steps = await tx.stepRun.findMany({
      where: { runId },
      select: { id: true, key: true, status: true, choice: true, title: true },
    });
    const states = Object.fromEntries(
      steps.map((s) => [s.key, { status: s.status as StepState, choice: s.choice }]),
    );
    const transitions = nextTransitions(def, states);
    const keys = Object.keys(transitions);
    if (keys.length === 0) {
      if (steps.every((s) => isSettled(s.status as StepState))) {
        await tx.playbookRun.update({
          where: { id: runId },
          data: { status: "completed", completedAt: now },
        });
        await recordPlaybookEvent(tx, {
          incidentId: run.incidentId,
          actor,
          type: "playbook.run_completed",
          summary: `Playbook ${run.slug} v${run.version} completed`,
          target: { type: "playbook_run", id: runId },
        });
      }
      return;
    }
    for (const key of keys) {
      const step = steps.find((s) => s.key === key)!;
      const sdef = byKey.get(key)!;
      if (transitions[key] === "skipped") {
        await tx.stepRun.updateMany({
          where: { id: step.id, status: "pending" },
          data: { status: "skipped", completedAt: now },
        });
        await recordPlaybookEvent(tx, {
          incidentId: run.incidentId,
          actor,
          type: "playbook.step_skipped",
          summary: `Step skipped: ${sdef.title} (branch not taken)`,
          target: { type: "step_run", id: step.id },
          details: { step: key },
        });
        continue;
      }
      const sla = sdef.slaMinutes ? clock(now, sdef.slaMinutes * minuteMs()) : null;
      const dueAt = sla?.dueAt ?? null;
      await tx.stepRun.updateMany({
        where: { id: step.id, status: "pending" },
        data: { status: "ready", readyAt: now, dueAt },
      });
      await recordPlaybookEvent(tx, {
        incidentId: run.incidentId,
        actor,
        type: "playbook.step_ready",
        summary: `Step ready: ${sdef.title}${dueAt ? ` (SLA ${sdef.slaMinutes} min)` : ""}`,
        target: { type: "step_run", id: step.id },
        details: { step: key, kind: sdef.kind, dueAt: dueAt?.toISOString() ?? null },
      });
      if (sla)
        await scheduleTimer(tx, {
          kind: TIMER_SLA,
          dueAt: sla.dueAt,
          payload: { ...sla.payload, stepRunId: step.id },
          dedupeKey: `sla:${step.id}`,
        });
      await scheduleEscalation(tx, { id: step.id, readyAt: now }, sdef, 0, clock);
      await onReady(tx, {
        clock,
        runId,
        incidentId: run.incidentId,
        stepRunId: step.id,
        def: sdef,
        team: def.team,
        now,
      });
    }
  }
}

async function onReady(
  tx: Tx,
  c: {
    clock: StepClock;
    runId: string;
    incidentId: string;
    stepRunId: string;
    def: StepDefinition;
    team?: string;
    now: Date;
  },
) {
  if (c.def.kind === "wait") {
    const due = c.clock(c.now, c.def.minutes * minuteMs());
    await scheduleTimer(tx, {
      kind: TIMER_WAIT,
      dueAt: due.dueAt,
      payload: { ...due.payload, stepRunId: c.stepRunId },
      dedupeKey: `wait:${c.stepRunId}`,
    });
  } else if (c.def.kind === "notify") {
    const res = await notifyTarget(tx, {
      incidentId: c.incidentId,
      target: c.def.notify,
      title: c.def.title,
      body: c.def.message,
      team: c.team,
    });
    await tx.stepRun.update({
      where: { id: c.stepRunId },
      data: {
        status: "done",
        completedAt: c.now,
        completedByName: "system",
        note: `Notified ${res.resolvedVia}`,
      },
    });
    await cancelStepTimers(tx, c.stepRunId, c.now);
    await recordPlaybookEvent(tx, {
      incidentId: c.incidentId,
      actor: SYSTEM,
      type: "playbook.step_completed",
      summary: `Notified ${res.resolvedVia}: ${c.def.title}`,
      target: { type: "step_run", id: c.stepRunId },
      details: { recipients: res.userIds.length, webhooks: res.webhooks },
    });
  }
  // Command steps wait for a responder (or, once wired, the command's receipt: completeCommandStep).
}
