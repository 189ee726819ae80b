import "server-only";
import crypto from "node:crypto";
import { type Db, getDb } from "../../db/index.ts";
import { env } from "../../env.ts";
import { logger } from "../../log.ts";
import { processSingleton } from "../../process-singleton.ts";
import { postWebhook } from "./post-webhook.ts";

const LEASE_MS = 30_000;
const TIMEOUT_MS = 10_000;

export const signBody = (secret: string, timestamp: string, body: string) =>
  crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

type Claimed = { id: string; body: string; attempts: number; url: string; secret: string };

/**
 * Delivers due webhook outbox rows. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease
 * (so two instances never send the same attempt, and a crash mid-send is retried after the
 * lease), then sent with no transaction open: a slow receiver never holds a database lock.
 * Signature: X-Breakwater-Signature: sha256=HMAC(secret, "<timestamp>.<body>").
 */
export async function deliverDueWebhooks(
  opts: { db?: Db; now?: () => Date; limit?: number } = {},
): Promise<number> {
  const db = (opts.db ?? (await getDb())) as Awaited<ReturnType<typeof getDb>>;
  const now = opts.now ?? (() => new Date());
  const at = now();
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE "WebhookDelivery" d SET "status" = 'sending', "leaseUntil" = ${new Date(at.getTime() + LEASE_MS)}
    FROM "WebhookEndpoint" e
    WHERE d."endpointId" = e."id" AND d."id" IN (
      SELECT "id" FROM "WebhookDelivery"
      WHERE ("status" = 'pending' AND "nextAttemptAt" <= ${at}) OR ("status" = 'sending' AND "leaseUntil" < ${at})
      ORDER BY "nextAttemptAt" LIMIT ${opts.limit ?? 20} FOR UPDATE SKIP LOCKED)
    RETURNING d."id", d."body", d."attempts", e."url", e."secret"`;
  for (const d of claimed) {
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const timestamp = String(Math.floor(at.getTime() / 1000));
      statusCode = await postWebhook(
        d.url,
        {
          "content-type": "application/json",
          "x-breakwater-timestamp": timestamp,
          "x-breakwater-signature": `sha256=${signBody(d.secret, timestamp, d.body)}`,
          "x-breakwater-delivery": d.id,
        },
        d.body,
        TIMEOUT_MS,
      );
      if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
    } catch (e) {
      error = String((e as Error).message ?? e).slice(0, 300);
    }
    const attempts = d.attempts + 1;
    const ok = error === null;
    const giveUp = !ok && attempts >= env.BREAKWATER_WEBHOOK_MAX_ATTEMPTS;
    await db.$transaction([
      db.webhookAttempt.create({
        data: { deliveryId: d.id, at, statusCode, error, durationMs: Date.now() - started },
      }),
      db.webhookDelivery.update({
        where: { id: d.id },
        data: {
          attempts,
          lastStatusCode: statusCode,
          lastError: error,
          leaseUntil: null,
          status: ok ? "delivered" : giveUp ? "failed" : "pending",
          deliveredAt: ok ? now() : null,
          // Exponential backoff: base, 2×base, 4×base …
          nextAttemptAt: new Date(
            now().getTime() + env.BREAKWATER_WEBHOOK_RETRY_BASE_MS * 2 ** (attempts - 1),
          ),
        },
      }),
    ]);
    if (!ok)
      logger.warn("webhook delivery failed", {
        deliveryId: d.id,
        statusCode,
        error,
        attempts,
        giveUp,
      });
  }
  return claimed.length;
}

// One delivery loop per process, however many times boot runs (dev-mode reloads).
const worker = processSingleton("webhookWorker", () => ({
  interval: null as NodeJS.Timeout | null,
}));

export function startWebhookWorker(intervalMs = 2000) {
  if (worker.interval) return;
  let busy = false;
  worker.interval = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      await deliverDueWebhooks();
    } catch (e) {
      logger.warn("webhook poll failed", { error: e });
    } finally {
      busy = false;
    }
  }, intervalMs);
  worker.interval.unref();
}
