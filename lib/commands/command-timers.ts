import "server-only";
import { SYSTEM } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { appendTimelineBatch } from "../incidents/append-timeline.ts";
import { canonicalJson } from "../protocol/canonical-json.ts";
import { type CommandTypeName, PARAMS_SCHEMAS } from "../protocol/commands.ts";
import type { TimerHandler } from "../timers/run-due-timers.ts";
import { REVERSE_OF } from "./config.ts";
import { issueCommandInTx } from "./issue-command.ts";
import { expireUnreceivedCommand, transitionCommand } from "./transition-command.ts";

/** Expiry sweep, one durable timer per command at its expiresAt: a command never received
 *  (queued, or delivered without a receipt) ends as expired; one already received is left to its receipt. */
export const expireCommandTimer: TimerHandler = async (tx, timer, now) => {
  await expireUnreceivedCommand(tx, String(timer.payload.commandId), now);
};

/**
 * Time-boxed containment ended without an extension: issue the reverse (release_host,
 * restore_permissions) to every host where the containment took or may have taken effect.
 * The reverse commands join this timer's transaction, so they exist exactly once.
 * Reverting is per host: a host that cannot take its reverse (revoked since, or its receipt
 * reported permissions that make no valid restore) is named on the timeline and in the audit
 * entry, and every other host is still released. One bad host used to fail the whole
 * transaction and leave every host contained.
 */
export const containmentEndTimer: TimerHandler = async (tx, timer, now) => {
  const requestId = String(timer.payload.requestId);
  const req = await tx.commandRequest.findUnique({
    where: { id: requestId },
    select: { type: true, params: true, incidentId: true },
  });
  const reverse = req && REVERSE_OF[req.type as CommandTypeName];
  if (!req || !reverse) return;
  const cmds = await tx.command.findMany({
    where: { requestId, status: { in: ["delivered", "acknowledged", "succeeded"] } },
    select: { hostId: true, result: true, host: { select: { hostname: true, status: true } } },
  });
  // Queued-but-undelivered containment is moot now: cancel it rather than apply it late.
  const pending = await tx.command.findMany({
    where: { requestId, status: { in: ["queued", "awaiting_approval"] } },
    select: { id: true },
  });
  for (const p of pending)
    await transitionCommand(tx, {
      id: p.id,
      to: "cancelled",
      at: now,
      actor: SYSTEM,
      summary: "Time box ended before the command was delivered",
    });
  const groups = new Map<string, { params: Record<string, unknown>; hostIds: string[] }>();
  const skipped: { hostId: string; hostname: string; reason: string }[] = [];
  for (const c of cmds) {
    const r = reverseParams(reverse, req.params, c.result);
    if (r === null) continue;
    const reason =
      c.host.status !== "active" ? `host is ${c.host.status}` : "error" in r ? r.error : null;
    if (reason) {
      skipped.push({ hostId: c.hostId, hostname: c.host.hostname, reason });
      continue;
    }
    const params = (r as { params: Record<string, unknown> }).params;
    const key = canonicalJson(params);
    const g = groups.get(key) ?? { params, hostIds: [] };
    g.hostIds.push(c.hostId);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    await issueCommandInTx(
      tx,
      {
        type: reverse,
        params: g.params,
        hostIds: g.hostIds,
        comment: `Time box of request ${requestId} ended: automatic ${reverse}`,
        ...(req.incidentId ? { incidentId: req.incidentId } : {}),
      },
      SYSTEM,
      { reverseOfId: requestId, now },
    );
  }
  if (req.incidentId) {
    const incidentId = req.incidentId;
    await appendTimelineBatch(
      tx,
      skipped.map((h) => ({
        incidentId,
        at: now,
        type: "command.reverse_skipped",
        actor: SYSTEM,
        source: "commands",
        summary: `Time box ended but ${h.hostname} could not get the automatic ${reverse} (${h.reason}); it stays contained until someone acts`,
        details: { requestId, hostId: h.hostId, reverse, reason: h.reason },
      })),
    );
  }
  await appendAudit(tx, {
    actor: SYSTEM,
    action: "command.time_box_ended",
    target: { type: "command_request", id: requestId },
    details: {
      reverse,
      hosts: cmds.length,
      cancelledUndelivered: pending.length,
      ...(skipped.length ? { notReverted: skipped } : {}),
    },
  });
};

/** The reverse command's params for one host; null when there is nothing to undo there.
 *  restore_permissions needs the permissions the host actually revoked (its receipt says). */
function reverseParams(
  reverse: CommandTypeName,
  requestParams: unknown,
  result: unknown,
): { params: Record<string, unknown> } | { error: string } | null {
  if (reverse !== "restore_permissions") return { params: {} };
  const p = requestParams as { plugin: Record<string, unknown>; permissions: string[] | "all" };
  const reported = (result as { revoked?: unknown } | null)?.revoked;
  const perms = Array.isArray(reported)
    ? reported
    : Array.isArray(p.permissions)
      ? p.permissions
      : [];
  if (perms.length === 0) return null;
  const params = { plugin: p.plugin, permissions: [...perms].sort() };
  const ok = PARAMS_SCHEMAS.restore_permissions.safeParse(params);
  if (!ok.success)
    return {
      error: `its receipt reported revoked permissions that cannot be restored: ${ok.error.issues[0]?.message ?? "invalid"}`,
    };
  return { params: ok.data };
}
