import "server-only";
import { appendAudit } from "../audit/append-audit.ts";
import { noteChange } from "../db/change-feed.ts";
import type { Tx } from "../db/transaction.ts";
import { appendTimelineBatch } from "../incidents/append-timeline.ts";
import { drillTitle } from "../notifications/drill-title.ts";
import { appendDrillTimeline, drillActor } from "./append-drill-timeline.ts";
import { applyFleetInject, getDrillFleet } from "./drill-fleet.ts";
import type { LockedDrillRun } from "./lock-drill-run.ts";
import type { Inject } from "./scenario-schema.ts";

/**
 * Fires one due inject of a locked, running run, in the inject driver's transaction: the
 * fleet acts (events queued durably by the selected agents and sent through POST /events,
 * or a fault switched on), or a facilitator message goes to the participants and onto every
 * open drill incident; then the inject is marked fired (or failed, with why) and the run's
 * timeline and the audit log say so. The agents' HTTP calls are their own transactions.
 */
export async function fireInject(
  tx: Tx,
  run: LockedDrillRun,
  row: { id: string; index: number; spec: unknown },
  now: Date,
  elapsedMs: number,
) {
  const inj = row.spec as Inject;
  const actor = drillActor(run.key);
  let summary: string;
  let error: string | null = null;
  let details: Record<string, unknown> = { inject: inj.id, kind: inj.kind };
  if (inj.kind === "message") {
    const reached = await deliverMessage(tx, run, inj, now);
    summary = `Message: ${inj.text}`;
    details = { ...details, ...reached };
  } else {
    const fleet = getDrillFleet(run.id);
    if (!fleet) {
      error = "the drill's simulated fleet is not running in this server process";
      summary = `${inj.label ?? inj.kind} failed: ${error}`;
    } else {
      const hosts = await applyFleetInject(fleet, inj);
      summary = `${inj.label ?? inj.kind} (${hosts} host(s))`;
      details = { ...details, hosts };
    }
  }
  await tx.drillInject.update({
    where: { id: row.id },
    data: error ? { status: "failed", failedAt: now, error } : { status: "fired", firedAt: now },
  });
  await appendDrillTimeline(tx, {
    drillRunId: run.id,
    at: now,
    elapsedMs,
    type: error ? "inject.failed" : "inject.fired",
    actor,
    summary,
    details,
  });
  await appendAudit(tx, {
    actor,
    action: error ? "drill.inject_failed" : "drill.inject_fired",
    target: { type: "drill_run", id: run.id },
    details: { key: run.key, index: row.index, ...details, ...(error ? { error } : {}) },
  });
}

/** A facilitator message: a "DRILL — …" notification to the participants (those of the
 *  named roles, or all) and an entry on the timeline of each open incident of the run. */
async function deliverMessage(
  tx: Tx,
  run: LockedDrillRun,
  inj: Extract<Inject, { kind: "message" }>,
  now: Date,
) {
  const participants = await tx.drillParticipant.findMany({
    where: { drillRunId: run.id, ...(inj.to ? { role: { in: [...inj.to, "facilitator"] } } : {}) },
    select: { userId: true },
  });
  const userIds = [...new Set(participants.map((p) => p.userId))];
  const incidents = await tx.incident.findMany({
    where: { drillRunId: run.id, status: { not: "closed" } },
    select: { id: true },
  });
  if (userIds.length)
    await tx.notification.createMany({
      data: userIds.map((userId) => ({
        userId,
        title: drillTitle(`${run.key}: message from the facilitator`),
        body: inj.text,
        link: `/drills/${run.id}`,
        incidentId: incidents[0]?.id ?? null,
      })),
    });
  await appendTimelineBatch(
    tx,
    incidents.map((i) => ({
      incidentId: i.id,
      at: now,
      type: "drill.message",
      actor: drillActor(run.key),
      source: "console" as const,
      summary: `DRILL — facilitator: ${inj.text}`,
      details: { drillRunId: run.id, inject: inj.id },
    })),
  );
  noteChange(tx, ...incidents.map((i) => `incident:${i.id}`));
  return { notified: userIds.length, incidents: incidents.length };
}
