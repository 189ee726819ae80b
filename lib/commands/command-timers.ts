import "server-only";
import type { TimerHandler } from "../timers/run-due-timers.ts";
import { SYSTEM } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { canonicalJson } from "../audit/canonical.ts";
import { REVERSE_OF, type CommandTypeName } from "./config.ts";
import { issueCommandInTx } from "./issue-command.ts";
import { transitionCommand } from "./transition-command.ts";

/** Expiry sweep, one durable timer per command at its expiresAt: a command never received
 *  (queued, or delivered without a receipt) ends as expired; one already received is left to its receipt. */
export const expireCommandTimer: TimerHandler = async (tx, timer, now) => {
  const id = String(timer.payload.commandId);
  await transitionCommand(tx, {
    id,
    to: "expired",
    at: now,
    actor: SYSTEM,
    summary: "Command expired before the agent received it",
    where: { acknowledgedAt: null, expiresAt: { lte: now } },
  });
};

/**
 * Time-boxed containment ended without an extension: issue the reverse (release_host,
 * restore_permissions) to every host where the containment took or may have taken effect.
 * The reverse commands join this timer's transaction, so they exist exactly once.
 */
export const containmentEndTimer: TimerHandler = async (tx, timer, now) => {
  const requestId = String(timer.payload.requestId);
  const req = await tx.commandRequest.findUnique({ where: { id: requestId }, select: { type: true, params: true, incidentId: true } });
  const reverse = req && REVERSE_OF[req.type as CommandTypeName];
  if (!req || !reverse) return;
  const cmds = await tx.command.findMany({
    where: { requestId, status: { in: ["delivered", "acknowledged", "succeeded"] } },
    select: { hostId: true, result: true },
  });
  // Queued-but-undelivered containment is moot now: cancel it rather than apply it late.
  const pending = await tx.command.findMany({ where: { requestId, status: { in: ["queued", "awaiting_approval"] } }, select: { id: true } });
  for (const p of pending) await transitionCommand(tx, { id: p.id, to: "cancelled", at: now, actor: SYSTEM, summary: "Time box ended before the command was delivered" });
  // restore_permissions needs the permissions each host actually revoked (reported in its receipt).
  const groups = new Map<string, { params: Record<string, unknown>; hostIds: string[] }>();
  for (const c of cmds) {
    let params: Record<string, unknown> = {};
    if (reverse === "restore_permissions") {
      const p = req.params as { plugin: Record<string, unknown>; permissions: string[] | "all" };
      const reported = (c.result as { revoked?: unknown } | null)?.revoked;
      const perms = Array.isArray(reported) ? reported.map(String) : Array.isArray(p.permissions) ? p.permissions : [];
      if (perms.length === 0) continue;
      params = { plugin: p.plugin, permissions: [...perms].sort() };
    }
    const key = canonicalJson(params);
    const g = groups.get(key) ?? { params, hostIds: [] };
    g.hostIds.push(c.hostId);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    await issueCommandInTx(
      tx,
      { type: reverse, params: g.params, hostIds: g.hostIds, comment: `Time box of request ${requestId} ended: automatic ${reverse}`, ...(req.incidentId ? { incidentId: req.incidentId } : {}) },
      SYSTEM,
      { reverseOfId: requestId, now },
    );
  }
  await appendAudit(tx, { actor: SYSTEM, action: "command.time_box_ended", target: { type: "command_request", id: requestId }, details: { reverse, hosts: cmds.length, cancelledUndelivered: pending.length } });
};
