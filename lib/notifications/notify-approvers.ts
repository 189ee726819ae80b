import "server-only";
import { PERMISSIONS, type Role } from "../auth/permissions.ts";
import type { Tx } from "../db/transaction.ts";
import { drillTitle } from "./drill-title.ts";
import { enqueueEmails } from "./enqueue-emails.ts";
import { enqueueWebhooks } from "./enqueue-webhooks.ts";

/**
 * A command request waits for a second person: tell the people who can act on it — every
 * active lead allowed to approve (commands:approve) and the incident's commander when they
 * may approve — never the requester. Each notification names the incident key and the step.
 * In the caller's transaction, so the request and its notifications commit together.
 */
export async function notifyApprovers(
  tx: Tx,
  r: {
    requestId: string;
    type: string;
    hostCount: number;
    requestedById: string | null;
    requestedByLabel: string;
    incidentId?: string | null;
    stepRunId?: string | null;
  },
): Promise<string[]> {
  const roles = PERMISSIONS["commands:approve"] as readonly Role[];
  const incident = r.incidentId
    ? await tx.incident.findUnique({
        where: { id: r.incidentId },
        select: { key: true, drill: true, drillRunId: true },
      })
    : null;
  const step = r.stepRunId
    ? await tx.stepRun.findUnique({ where: { id: r.stepRunId }, select: { title: true } })
    : null;
  const approvers = await tx.user.findMany({
    where: {
      role: { in: [...roles] },
      status: "active",
      ...(r.requestedById ? { NOT: { id: r.requestedById } } : {}),
    },
    select: { id: true },
  });
  const userIds = approvers.map((u) => u.id);
  const where = [incident ? incident.key : null, step ? `step "${step.title}"` : null]
    .filter(Boolean)
    .join(", ");
  const plain = `Approval needed${incident ? ` — ${incident.key}` : ""}: ${r.type} on ${r.hostCount} host(s)`;
  const title = incident?.drill ? drillTitle(plain) : plain;
  const body = `${r.requestedByLabel} asked to run ${r.type} on ${r.hostCount} host(s)${where ? ` (${where})` : ""}. A second person must approve or reject it.`;
  const link = incident ? `/incidents/${incident.key}` : `/commands`;
  if (userIds.length) {
    await tx.notification.createMany({
      data: userIds.map((userId) => ({
        userId,
        title,
        body,
        link,
        incidentId: r.incidentId ?? null,
      })),
    });
  }
  await enqueueWebhooks(tx, {
    team: "default",
    event: {
      type: "command.approval_requested",
      title,
      body,
      link,
      incidentId: r.incidentId ?? null,
      recipients: "approvers",
      ...(incident?.drill ? { drill: true, drillRunId: incident.drillRunId } : {}),
    },
  });
  await enqueueEmails(tx, {
    kind: "approval",
    userIds,
    title,
    body,
    link,
    incidentId: r.incidentId,
  });
  return userIds;
}
