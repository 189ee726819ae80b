import "server-only";
import { getDb, type Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { AppError } from "../errors/app-error.ts";
import { assertWebhookTargetAllowed, redactWebhookUrl } from "./webhook-target.ts";

// The secret and the URL are write-only: responses show the secret's last 4 characters and
// only the scheme and host of the URL (its path is a credential for Slack-style webhooks).
const endpointSelect = { id: true, team: true, url: true, format: true, enabled: true, createdAt: true, secret: true } as const;
const mask = <T extends { secret: string; url: string }>(e: T) => ({ ...e, url: redactWebhookUrl(e.url), secret: `…${e.secret.slice(-4)}` });

export async function listWebhooks(db?: Db) {
  const client = db ?? (await getDb());
  return { endpoints: (await client.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" }, select: endpointSelect })).map(mask) };
}

export async function createWebhook(input: { team: string; url: string; secret: string; format: "json" | "slack"; actor: Actor }, db?: Db) {
  // Checked before the transaction: DNS must not run while a transaction is open.
  await assertWebhookTargetAllowed(input.url);
  return inTransaction(db, async (tx) => {
    const e = await tx.webhookEndpoint.create({ data: { team: input.team, url: input.url, secret: input.secret, format: input.format }, select: endpointSelect });
    await appendAudit(tx, { actor: input.actor, action: "webhook.created", target: { type: "webhook_endpoint", id: e.id }, details: { team: e.team, url: redactWebhookUrl(e.url), format: e.format } });
    return mask(e);
  });
}

export async function deleteWebhook(input: { id: string; actor: Actor }, db?: Db) {
  return inTransaction(db, async (tx) => {
    const res = await tx.webhookEndpoint.deleteMany({ where: { id: input.id } });
    if (res.count !== 1) throw new AppError("not_found", "No such webhook.");
    await appendAudit(tx, { actor: input.actor, action: "webhook.deleted", target: { type: "webhook_endpoint", id: input.id } });
    return { deleted: true };
  });
}

/** Delivery log: each delivery with its attempts and response codes. */
export async function listDeliveries(db?: Db) {
  const client = db ?? (await getDb());
  const rows = await client.webhookDelivery.findMany({
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, status: true, attempts: true, lastStatusCode: true, lastError: true, nextAttemptAt: true, createdAt: true, deliveredAt: true, endpoint: { select: { team: true, url: true } }, log: { orderBy: { at: "asc" }, select: { at: true, statusCode: true, error: true, durationMs: true } } },
  });
  return { deliveries: rows.map((r) => ({ ...r, endpoint: { ...r.endpoint, url: redactWebhookUrl(r.endpoint.url) } })) };
}
