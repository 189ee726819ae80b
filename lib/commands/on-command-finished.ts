import "server-only";
import { SYSTEM } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Tx } from "../db/transaction.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";
import { containIfVerified } from "../incidents/transition-incident.ts";
import type { CommandTypeName } from "../protocol/commands.ts";
import { telemetry } from "../telemetry.ts";
import { CONTAINMENT_TYPES } from "./config.ts";
import { notifyCommandStep } from "./step-hook.ts";

/** The finished command as its receipt read it under the row lock (no second read). */
export type FinishedCommand = {
  status: "succeeded" | "failed";
  type: string;
  hostId: string;
  incidentId: string | null;
  requestId: string;
  issuedAt: Date | null;
  stepRunId: string | null;
};

/**
 * Consequences of a command reaching succeeded/failed, in the receipt's transaction:
 * the host's isolation state (only a verified receipt changes it), the incident's
 * containment-verified timestamp, and the playbook step waiting on the request.
 */
export async function onCommandFinished(tx: Tx, c: FinishedCommand, now: Date) {
  if (c.status === "succeeded" && c.issuedAt)
    telemetry.issueToSucceeded.observe(
      { type: c.type },
      Math.max(0, (now.getTime() - c.issuedAt.getTime()) / 1000),
    );
  if (c.status === "succeeded" && (c.type === "isolate_host" || c.type === "release_host")) {
    await tx.host.update({
      where: { id: c.hostId },
      data: { isolation: c.type === "isolate_host" ? "isolated" : "none", isolationChangedAt: now },
    });
  }
  if (
    c.status === "succeeded" &&
    c.incidentId &&
    CONTAINMENT_TYPES.has(c.type as CommandTypeName)
  ) {
    await markContainmentVerified(tx, c.incidentId, now);
  }
  if (c.stepRunId) {
    // Lock the request so the last of several concurrent receipts reliably sees all the others.
    await tx.$queryRaw`SELECT "id" FROM "CommandRequest" WHERE "id" = ${c.requestId} FOR NO KEY UPDATE`;
    const open = await tx.command.count({
      where: {
        requestId: c.requestId,
        status: { in: ["awaiting_approval", "queued", "delivered", "acknowledged"] },
      },
    });
    if (open === 0) {
      const failed = await tx.command.count({
        where: { requestId: c.requestId, status: { not: "succeeded" } },
      });
      await notifyCommandStep(tx, c.stepRunId, failed === 0 ? "succeeded" : "failed", c.requestId);
    }
  }
}

/** The incident is containment-verified when every containment command it issued (bar the
 *  cancelled ones) has a succeeded receipt. The first such moment is kept: MTTC uses it. */
async function markContainmentVerified(tx: Tx, incidentId: string, now: Date) {
  // Serialise per incident, so two last receipts racing cannot both miss the verification.
  // NO KEY UPDATE, not UPDATE: this transaction already holds a KEY SHARE lock on the
  // incident from inserting its timeline entry (foreign key), and so does every concurrent
  // receipt; FOR UPDATE conflicts with KEY SHARE and deadlocked every fleet-wide revoke.
  await tx.$queryRaw`SELECT "id" FROM "Incident" WHERE "id" = ${incidentId} FOR NO KEY UPDATE`;
  const pending = await tx.command.count({
    where: {
      incidentId,
      type: { in: [...CONTAINMENT_TYPES] },
      status: { notIn: ["succeeded", "cancelled"] },
    },
  });
  if (pending > 0) return;
  const res = await tx.incident.updateMany({
    where: { id: incidentId, containmentVerifiedAt: null },
    data: { containmentVerifiedAt: now },
  });
  if (res.count === 0) return;
  const total = await tx.command.count({
    where: { incidentId, type: { in: [...CONTAINMENT_TYPES] }, status: "succeeded" },
  });
  await appendTimeline(tx, {
    incidentId,
    at: now,
    type: "incident.containment_verified",
    actor: SYSTEM,
    source: "commands",
    summary: `Containment verified: all ${total} containment command(s) succeeded on their hosts`,
    details: { commands: total },
  });
  await appendAudit(tx, {
    actor: SYSTEM,
    action: "incident.containment_verified",
    target: { type: "incident", id: incidentId },
    details: { commands: total },
  });
  // Verified is contained: the status follows the receipts instead of waiting for a click.
  await containIfVerified(tx, incidentId, now);
}
