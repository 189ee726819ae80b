import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { parseInput } from "../errors/parse-input.ts";
import { webhookInput } from "./schemas.ts";
import { endpointSelect, maskEndpoint } from "./webhook-endpoint-dto.ts";
import { assertWebhookTargetAllowed, redactWebhookUrl } from "./webhook-target.ts";

/** POST /webhooks: `body` is the raw { team, url, secret, format? }. */
export async function createWebhookFromBody(body: unknown, actor: Actor) {
  return createWebhook({ ...parseInput(webhookInput, body), actor });
}

export async function createWebhook(
  input: { team: string; url: string; secret: string; format: "json" | "slack"; actor: Actor },
  db?: Db,
) {
  // Checked before the transaction: DNS must not run while a transaction is open.
  await assertWebhookTargetAllowed(input.url);
  return inTransaction(db, async (tx) => {
    const e = await tx.webhookEndpoint.create({
      data: { team: input.team, url: input.url, secret: input.secret, format: input.format },
      select: endpointSelect,
    });
    await appendAudit(tx, {
      actor: input.actor,
      action: "webhook.created",
      target: { type: "webhook_endpoint", id: e.id },
      details: { team: e.team, url: redactWebhookUrl(e.url), format: e.format },
    });
    return maskEndpoint(e);
  });
}
