import "server-only";
import crypto from "node:crypto";
import type { z } from "zod";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { noteChange } from "../db/change-feed.ts";
import type { Db } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { fieldErrorsOf, parseInput } from "../errors/parse-input.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { appendTimeline, appendTimelineBatch } from "../incidents/append-timeline.ts";
import { logger } from "../log.ts";
import { notifyApprovers } from "../notifications/notify-approvers.ts";
import { type CommandTypeName, PARAMS_SCHEMAS } from "../protocol/commands.ts";
import { getActiveSigningKey } from "../signing/server-keys.ts";
import { scheduleTimer } from "../timers/schedule-timer.ts";
import { needsApprovalInWindow } from "./approval-window.ts";
import { REVERSE_OF } from "./config.ts";
import { refuseDuplicateStepRequest } from "./refuse-duplicate-step-request.ts";
import { type IssueCommandInput, type issueCommandDto, issueCommandInput } from "./schemas.ts";
import { signCommand } from "./sign-command.ts";
import { transitionCommandsSql } from "./transition-command.ts";
import { notifyHosts } from "./waiters.ts";

export type IssueActor = Actor & { role?: "admin" | "manager" | "responder" | "viewer" };
export type IssueOptions = {
  reverseOfId?: string;
  now?: Date;
  /** Only issueStepCommand sets it, having checked the step. */
  stepRunId?: string;
};
/** The reply of POST /api/v1/commands, as the OpenAPI document describes it. */
export type IssueResult = z.output<typeof issueCommandDto>;

export const EXPIRE_TIMER = "commands.expire";
export const CONTAINMENT_END_TIMER = "commands.containment_end";

/** Parses the per-type params; a bad shape is a 400 listing each field. */
export function parseParams(type: CommandTypeName, params: unknown): Record<string, unknown> {
  const r = PARAMS_SCHEMAS[type].safeParse(params);
  if (!r.success) {
    // The detail states the reasons too: a client that shows only the sentence must still
    // tell the person what to change.
    throw new AppError(
      "invalid_input",
      `Invalid params for ${type}: ${r.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ` : "") + i.message).join("; ")}.`,
      {
        errors: fieldErrorsOf(r.error.issues, { prefix: ["params"] }),
      },
    );
  }
  return r.data as Record<string, unknown>;
}

/**
 * Issues one command request fanned out to its hosts. Called from the UI/API, from playbook
 * command steps (issueStepCommand, which alone links a stepRunId) and by the containment
 * timer (reverse commands). Commands
 * that need a second person wait in awaiting_approval unsigned; the rest are signed and
 * queued in this transaction, and their hosts' long-polls are woken after it commits.
 */
export async function issueCommand(
  raw: unknown,
  actor: IssueActor,
  db?: Db,
  opts: Omit<IssueOptions, "stepRunId"> = {},
): Promise<IssueResult> {
  const out = await inTransaction(db, (tx) => issueCommandInTx(tx, raw, actor, opts));
  if (out.approval === "break_glass")
    logger.warn("BREAK-GLASS command issued without second approver", {
      requestId: out.requestId,
      actor: actor.label,
    });
  if (out.approval !== "pending") notifyHosts(out.hostIds);
  return { requestId: out.requestId, approval: out.approval, commandIds: out.commandIds };
}

/** The same inside the caller's open transaction (playbook steps, timers). Hosts' long-polls
 *  are woken by the periodic re-check once that transaction commits. */
export async function issueCommandInTx(
  tx: Tx,
  raw: unknown,
  actor: IssueActor,
  opts: IssueOptions = {},
): Promise<IssueResult & { hostIds: string[] }> {
  const input: IssueCommandInput = parseInput(issueCommandInput, raw, "Invalid command request.");
  const params = parseParams(input.type, input.params);
  // Read first: a drill incident's fleet is that run's hosts, and nothing else's.
  const incident = input.incidentId
    ? await tx.incident.findUnique({
        where: { id: input.incidentId },
        select: { drill: true, drillRunId: true },
      })
    : null;
  if (input.incidentId && !incident)
    throw new AppError("invalid_input", "Unknown incident.", {
      errors: [{ path: "incidentId", message: "no such incident" }],
    });
  const drill = incident?.drill ?? false;
  const drillRunId = incident?.drillRunId ?? null;
  const hostIds = input.fleet
    ? await resolveFleet(tx, input.fleet.plugin, drillRunId)
    : [...new Set(input.hostIds)];
  if (hostIds.length === 0)
    throw new AppError("invalid_input", "No active host runs that plugin.", {
      errors: [{ path: "fleet", message: "matches no host" }],
    });
  if (input.durationSeconds !== undefined && !REVERSE_OF[input.type]) {
    throw new AppError(
      "invalid_input",
      `${input.type} cannot be time-boxed; only isolate_host and revoke_permissions can.`,
      { errors: [{ path: "durationSeconds", message: "not allowed for this type" }] },
    );
  }
  const now = opts.now ?? new Date();
  const requestedById = actor.type === "user" ? actor.id : null;
  if (opts.stepRunId) await refuseDuplicateStepRequest(tx, opts.stepRunId);
  const approvalNeeded =
    !opts.reverseOfId &&
    (await needsApprovalInWindow(tx, {
      type: input.type,
      hostIds,
      incidentId: input.incidentId,
      requestedById,
      now,
    }));
  if (input.breakGlassReason !== undefined) {
    if (actor.type !== "user" || actor.role !== "admin")
      throw new AppError("forbidden", "Only an admin can use break-glass.");
    if (!approvalNeeded)
      throw new AppError(
        "invalid_input",
        "This command needs no approval; break-glass is not needed.",
        { errors: [{ path: "breakGlassReason", message: "not needed" }] },
      );
  }
  const approval: IssueResult["approval"] = !approvalNeeded
    ? "not_required"
    : input.breakGlassReason
      ? "break_glass"
      : "pending";

  {
    const hosts = await tx.host.findMany({
      where: { id: { in: hostIds }, status: "active" },
      select: { id: true, simulated: true, drillRunId: true },
    });
    if (hosts.length !== hostIds.length) {
      const found = new Set(hosts.map((h) => h.id));
      const missing = hostIds.filter((id) => !found.has(id));
      throw new AppError(
        "invalid_input",
        `${missing.length} target host(s) are unknown or revoked.`,
        {
          errors: missing
            .slice(0, 20)
            .map((id) => ({ path: "hostIds", message: `unknown or revoked host ${id}` })),
        },
      );
    }
    // A drill's commands go only to the simulated agents of that same run: never to a real
    // host, never to another drill's. A drill host takes no command of a real incident.
    const foreign = hosts.filter((h) =>
      drillRunId
        ? h.drillRunId !== drillRunId || !h.simulated
        : drill
          ? !h.simulated
          : h.drillRunId,
    );
    if (foreign.length)
      throw new AppError(
        "invalid_input",
        drill
          ? "Commands of a drill may only target the simulated hosts of that drill."
          : "A drill's simulated hosts take commands of their own drill only.",
        {
          errors: foreign.slice(0, 20).map((h) => ({
            path: "hostIds",
            message: `host ${h.id} is outside this incident's scope`,
          })),
        },
      );
    const request = await tx.commandRequest.create({
      data: {
        type: input.type,
        params: params as never,
        comment: input.comment,
        incidentId: input.incidentId ?? null,
        stepRunId: opts.stepRunId ?? null,
        requestedById,
        requestedByLabel: actor.label,
        requestedAt: now,
        hostCount: hostIds.length,
        approval,
        breakGlassReason: input.breakGlassReason ?? null,
        approvedById: approval === "break_glass" ? actor.id : null,
        approvedByLabel: approval === "break_glass" ? actor.label : null,
        approvedAt: approval === "break_glass" ? now : null,
        durationSeconds: input.durationSeconds ?? null,
        reverseOfId: opts.reverseOfId ?? null,
        drill,
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      actor,
      action: approval === "break_glass" ? "command.break_glass" : "command.requested",
      target: { type: "command_request", id: request.id },
      details: {
        type: input.type,
        params,
        hostCount: hostIds.length,
        comment: input.comment,
        incidentId: input.incidentId,
        stepRunId: opts.stepRunId,
        approval,
        breakGlassReason: input.breakGlassReason,
        durationSeconds: input.durationSeconds,
        reverseOfId: opts.reverseOfId,
      },
    });
    if (input.incidentId) {
      await appendTimeline(tx, {
        incidentId: input.incidentId,
        at: now,
        type: approval === "break_glass" ? "command.break_glass" : "command.requested",
        actor,
        source: "commands",
        summary:
          approval === "break_glass"
            ? `BREAK-GLASS: ${actor.label} issued ${input.type} to ${hostIds.length} host(s) without a second approver — ${input.breakGlassReason}`
            : `${actor.label} requested ${input.type} on ${hostIds.length} host(s)${approval === "pending" ? " (awaiting a second approver)" : ""}: ${input.comment}`,
        details: { requestId: request.id, type: input.type, params, hostCount: hostIds.length },
      });
    }
    const ids = hostIds.map(() => crypto.randomUUID());
    noteChange(tx, input.incidentId && `incident:${input.incidentId}`);
    await tx.command.createMany({
      data: hostIds.map((hostId, i) => ({
        id: ids[i],
        requestId: request.id,
        hostId,
        incidentId: input.incidentId ?? null,
        type: input.type,
        params: params as never,
        status: "awaiting_approval" as const,
        createdAt: now,
      })),
    });
    if (approval !== "pending") await queueRequestCommands(tx, request.id, actor, now);
    else
      await notifyApprovers(tx, {
        requestId: request.id,
        type: input.type,
        hostCount: hostIds.length,
        requestedById,
        requestedByLabel: actor.label,
        incidentId: input.incidentId,
        stepRunId: opts.stepRunId,
      });
    return { requestId: request.id, approval, commandIds: ids, hostIds };
  }
}

/**
 * Signs and queues every awaiting command of a request (on issue, or once approved). Set-based
 * (one UPDATE … FROM unnest, one timeline insert, one audit entry listing the commands, one
 * timer insert), so a fleet-wide request of thousands of hosts commits in one short transaction.
 */
export async function queueRequestCommands(
  tx: Tx,
  requestId: string,
  actor: Actor,
  now: Date,
): Promise<string[]> {
  const req = await tx.commandRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { durationSeconds: true, type: true, incidentId: true },
  });
  const cmds = await tx.command.findMany({
    where: { requestId, status: "awaiting_approval" },
    select: { id: true, hostId: true, params: true },
  });
  if (cmds.length === 0) return [];
  const endsAt = req.durationSeconds ? new Date(now.getTime() + req.durationSeconds * 1000) : null;
  const signer = await getActiveSigningKey(tx);
  const envs = await Promise.all(
    cmds.map((c) =>
      signCommand(
        { id: c.id, hostId: c.hostId, type: req.type, params: c.params as Record<string, unknown> },
        now,
        signer,
      ),
    ),
  );
  const { kid, payload: first } = envs[0];
  const issuedAt = new Date(first.issuedAt);
  const expiresAt = new Date(first.expiresAt);
  const queued = await transitionCommandsSql<{ id: string; hostId: string }>(tx, {
    to: "queued",
    at: now,
    set: Prisma.sql`"payload" = v.payload::jsonb, "kid" = ${kid}, "signature" = v.signature,
      "issuedAt" = ${issuedAt}, "notBefore" = ${issuedAt}, "expiresAt" = ${expiresAt}, "containmentEndsAt" = ${endsAt}`,
    from: Prisma.sql`(SELECT unnest(${envs.map((e) => e.payload.id)}::text[]) AS id, unnest(${envs.map((e) => JSON.stringify(e.payload))}::text[]) AS payload, unnest(${envs.map((e) => e.signature)}::text[]) AS signature) AS v`,
    where: Prisma.sql`c."id" = v.id`,
    returning: Prisma.sql`c."id", c."hostId"`,
  });
  if (queued.length === 0) return [];
  noteChange(
    tx,
    ...queued.map((c) => `command:${c.id}`),
    req.incidentId && `incident:${req.incidentId}`,
  );
  if (req.incidentId) {
    const incidentId = req.incidentId;
    await appendTimelineBatch(
      tx,
      queued.map((c) => ({
        incidentId,
        at: now,
        type: "command.queued",
        actor,
        source: "commands",
        summary: `${req.type} signed (kid ${kid}) and queued for host ${c.hostId}`,
        details: {
          commandId: c.id,
          requestId,
          hostId: c.hostId,
          type: req.type,
          kid,
          expiresAt: first.expiresAt,
        },
      })),
    );
  }
  await appendAudit(tx, {
    actor,
    action: "command.queued",
    target: { type: "command_request", id: requestId },
    details: {
      type: req.type,
      kid,
      expiresAt: first.expiresAt,
      commands: queued.map((c) => ({ commandId: c.id, hostId: c.hostId })),
    },
  });
  await tx.timer.createMany({
    data: queued.map((c) => ({
      kind: EXPIRE_TIMER,
      dueAt: expiresAt,
      payload: { commandId: c.id } as never,
      dedupeKey: `cmd-expire:${c.id}`,
    })),
    skipDuplicates: true,
  });
  if (endsAt)
    await scheduleTimer(tx, {
      kind: CONTAINMENT_END_TIMER,
      dueAt: endsAt,
      payload: { requestId },
      dedupeKey: `cmd-box:${requestId}`,
    });
  return queued.map((c) => c.hostId);
}

/** Every active host running the plugin, within one scope: a drill's fleet-wide command
 *  reaches that run's hosts only, a real one no drill host. */
async function resolveFleet(
  tx: Tx,
  plugin: { name: string; version?: string; sha256?: string },
  drillRunId: string | null,
): Promise<string[]> {
  const rows = await tx.hostPlugin.findMany({
    where: {
      name: plugin.name,
      ...(plugin.version ? { version: plugin.version } : {}),
      ...(plugin.sha256 ? { sha256: plugin.sha256 } : {}),
      host: drillRunId
        ? { status: "active", drillRunId, simulated: true }
        : { status: "active", drillRunId: null },
    },
    select: { hostId: true },
    distinct: ["hostId"],
  });
  return rows.map((r) => r.hostId);
}
