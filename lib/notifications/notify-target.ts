import "server-only";
import type { Tx } from "../db/transaction.ts";
import { drillTitle } from "./drill-title.ts";
import type { EmailKind } from "./email-kinds.ts";
import { enqueueEmails } from "./enqueue-emails.ts";
import { enqueueWebhooks } from "./enqueue-webhooks.ts";

// Who a notification reaches: an incident role's holder, a user by email, or every manager
// (the playbook file format's target, which lib/playbooks checks; notifications sits below it).
export type NotifyTarget = { role?: string; user?: string; managers?: true };
export type NotifyInput = {
  incidentId: string;
  target: NotifyTarget;
  title: string;
  body: string;
  link?: string;
  team?: string;
  excludeUserId?: string;
  userId?: string;
  /** Also e-mail the people it reaches, as this kind (their preferences decide). */
  email?: EmailKind;
};
export type NotifyResult = {
  userIds: string[];
  resolvedVia: string;
  webhooks: number;
  emails: number;
};

/**
 * Resolves a target to people and writes their in-app notifications plus webhook outbox
 * rows, in the caller's transaction. An empty role falls back to the commander, then to the
 * managers: an escalation must reach somebody, never vanish because a seat is empty.
 * Every notification names its incident by key (a person paged at 3 a.m. must know which
 * one without opening it) and links to it by key.
 */
export async function notifyTarget(tx: Tx, n: NotifyInput): Promise<NotifyResult> {
  let userIds: string[] = [];
  let resolvedVia = "";
  if (n.userId) [userIds, resolvedVia] = [[n.userId], "the assignee"];
  if (!userIds.length && n.target.user) {
    const u = await tx.user.findFirst({
      where: { email: n.target.user.toLowerCase(), status: "active" },
      select: { id: true },
    });
    if (u) [userIds, resolvedVia] = [[u.id], `user ${n.target.user}`];
  }
  if (!userIds.length && n.target.role) {
    for (const key of [n.target.role, "commander"]) {
      const r = await tx.incidentRole.findUnique({
        where: { incidentId_key: { incidentId: n.incidentId, key } },
        select: { userId: true },
      });
      if (r?.userId) {
        [userIds, resolvedVia] = [
          [r.userId],
          key === n.target.role ? `role ${key}` : `role ${n.target.role} is empty → commander`,
        ];
        break;
      }
    }
  }
  if (!userIds.length) {
    const managers = await tx.user.findMany({
      where: { role: { in: ["manager", "admin"] }, status: "active" },
      select: { id: true, role: true },
    });
    const onlyManagers = managers.filter((m) => m.role === "manager");
    userIds = (onlyManagers.length ? onlyManagers : managers).map((m) => m.id);
    resolvedVia = n.target.managers
      ? "managers"
      : `${n.target.role ? `role ${n.target.role}` : `user ${n.target.user}`} unresolved → managers`;
  }
  if (n.excludeUserId) userIds = userIds.filter((id) => id !== n.excludeUserId);
  const incident = await tx.incident.findUnique({
    where: { id: n.incidentId },
    select: { key: true, drill: true, drillRunId: true },
  });
  const key = incident?.key ?? n.incidentId;
  const keyed = n.title.includes(key) ? n.title : `${n.title} · ${key}`;
  const title = incident?.drill ? drillTitle(keyed) : keyed;
  const link = n.link ?? `/incidents/${key}`;
  if (userIds.length) {
    await tx.notification.createMany({
      data: userIds.map((userId) => ({
        userId,
        title,
        body: n.body,
        link,
        incidentId: n.incidentId,
      })),
    });
  }
  const webhooks = await enqueueWebhooks(tx, {
    team: n.team ?? "default",
    event: {
      type: "notification",
      title,
      body: n.body,
      link,
      incidentId: n.incidentId,
      recipients: resolvedVia,
      ...(incident?.drill ? { drill: true, drillRunId: incident.drillRunId } : {}),
    },
  });
  const emails = n.email
    ? await enqueueEmails(tx, {
        kind: n.email,
        userIds,
        title,
        body: n.body,
        link,
        incidentId: n.incidentId,
      })
    : 0;
  return { userIds, resolvedVia, webhooks, emails };
}
