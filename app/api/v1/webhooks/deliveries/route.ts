// GET /api/v1/webhooks/deliveries — webhook delivery log with attempts and response codes
import { json, withUser } from "@/lib/http/with-user";
import { listWebhookDeliveries } from "@/lib/notifications/list-webhook-deliveries";

export const GET = withUser(async () => json(await listWebhookDeliveries()), {
  permission: "settings:manage",
});
