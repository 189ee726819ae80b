import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { redactWebhookUrl } from "./webhook-target.ts";

/** Delivery log: each delivery with its attempts and response codes. */
export async function listWebhookDeliveries(db?: Db) {
  const client = db ?? (await getDb());
  const rows = await client.webhookDelivery.findMany({
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      status: true,
      attempts: true,
      lastStatusCode: true,
      lastError: true,
      nextAttemptAt: true,
      createdAt: true,
      deliveredAt: true,
      endpoint: { select: { team: true, url: true } },
      log: {
        orderBy: { at: "asc" },
        select: { at: true, statusCode: true, error: true, durationMs: true },
      },
    },
  });
  return {
    deliveries: rows.map((r) => ({
      ...r,
      endpoint: { ...r.endpoint, url: redactWebhookUrl(r.endpoint.url) },
    })),
  };
}
