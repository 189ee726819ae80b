import "server-only";
import crypto from "node:crypto";
import type { Tx } from "../db/transaction.ts";
import { env, publicUrl } from "../env.ts";
import { scheduleTimer } from "../timers/schedule-timer.ts";
import { drillTitle } from "./drill-title.ts";
import { EMAIL_KIND_LABEL, EMAIL_PREFERENCE_FIELD, type EmailKind } from "./email-kinds.ts";
import { EMAIL_TIMER } from "./email-timer.ts";
import { DEFAULT_PREFERENCES } from "./get-notification-preferences.ts";
import { quietUntil } from "./quiet-hours.ts";

export type EmailNotice = {
  kind: EmailKind;
  userIds: string[];
  title: string;
  body: string;
  /** Console path, e.g. /incidents/INC-2026-0001. */
  link: string;
  incidentId?: string | null;
};

/**
 * Outbox rows for the e-mail copies of a notification, in the caller's transaction: they
 * commit with the notification or not at all, and the send happens later, outside it (a
 * durable timer per message, lib/notifications/flows/deliver-email.ts), so a slow or dead
 * mail server can neither block nor roll back what created them. Each person's preferences
 * decide whether they get it and, outside a critical incident, when (quiet hours).
 */
export async function enqueueEmails(tx: Tx, n: EmailNotice): Promise<number> {
  if (!env.BREAKWATER_SMTP_URL || !n.userIds.length) return 0;
  const [users, prefs, incident] = await Promise.all([
    tx.user.findMany({
      where: { id: { in: n.userIds }, status: "active" },
      select: { id: true, email: true },
    }),
    tx.notificationPreference.findMany({ where: { userId: { in: n.userIds } } }),
    n.incidentId
      ? tx.incident.findUnique({
          where: { id: n.incidentId },
          select: { key: true, title: true, severity: true, drill: true },
        })
      : null,
  ]);
  const prefOf = new Map(prefs.map((p) => [p.userId, p]));
  const critical = incident?.severity === "critical";
  // A drill must never be mistaken for the real thing in an inbox at 3 a.m.
  const subject = incident?.drill ? drillTitle(n.title) : n.title;
  const base = publicUrl();
  const text = [
    incident?.drill ? "This is a DRILL, not a real incident.\n" : null,
    n.title,
    "",
    n.body,
    "",
    incident
      ? `Incident: ${incident.key} — ${incident.title} (severity ${incident.severity})`
      : null,
    `Open it: ${base}${n.link}`,
    "",
    "-- ",
    `You get e-mail for ${EMAIL_KIND_LABEL[n.kind]}. Change which e-mails you get, or set quiet hours: ${base}/settings/notifications`,
  ]
    .filter((l) => l !== null)
    .join("\n");
  const now = new Date();
  const rows = users.flatMap((u) => {
    const p = prefOf.get(u.id) ?? DEFAULT_PREFERENCES;
    if (!p[EMAIL_PREFERENCE_FIELD[n.kind]]) return [];
    const due = critical ? null : quietUntil(now, p);
    return [
      {
        id: crypto.randomUUID(),
        userId: u.id,
        toAddress: u.email,
        kind: n.kind,
        subject,
        text,
        incidentId: n.incidentId ?? null,
        critical,
        nextAttemptAt: due ?? now,
        createdAt: now,
      },
    ];
  });
  if (!rows.length) return 0;
  await tx.emailMessage.createMany({ data: rows });
  for (const r of rows)
    await scheduleTimer(tx, {
      kind: EMAIL_TIMER,
      dueAt: r.nextAttemptAt,
      payload: { emailId: r.id },
      dedupeKey: `email:${r.id}:1`,
    });
  return rows.length;
}
