import "server-only";
import type { Tx } from "../db/transaction.ts";

export type WebhookEvent = {
  type: string;
  title: string;
  body: string;
  link: string | null;
  incidentId: string | null;
  recipients?: string;
  /** Set on every event of a drill incident, so a receiver can drop or route drill traffic. */
  drill?: true;
  drillRunId?: string | null;
};

/** Slack incoming-webhook compatible body (text + blocks); plain JSON otherwise. */
export function renderWebhookBody(format: "json" | "slack", e: WebhookEvent, at: Date): string {
  if (format === "slack") {
    const text = `*${e.title}*\n${e.body}${e.link ? `\n<${e.link}|Open in Breakwater>` : ""}`;
    return JSON.stringify({
      text: `${e.title} — ${e.body}`,
      blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
    });
  }
  return JSON.stringify({ ...e, at: at.toISOString(), source: "breakwater" });
}

/** Outbox rows, written in the caller's transaction; delivery happens later, outside it
 *  (lib/notifications/flows/deliver-webhooks.ts). */
export async function enqueueWebhooks(
  tx: Tx,
  w: { team: string; event: WebhookEvent },
): Promise<number> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { team: w.team, enabled: true },
    select: { id: true, format: true },
  });
  const now = new Date();
  if (endpoints.length) {
    await tx.webhookDelivery.createMany({
      data: endpoints.map((ep) => ({
        endpointId: ep.id,
        body: renderWebhookBody(ep.format, w.event, now),
        nextAttemptAt: now,
      })),
    });
  }
  return endpoints.length;
}
