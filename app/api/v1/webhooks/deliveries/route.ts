// GET /api/v1/webhooks/deliveries — webhook delivery log with attempts and response codes
import { withUser, json } from "@/lib/http/with-user";
import { listDeliveries } from "@/lib/notifications/webhooks";

export const GET = withUser(async () => json(await listDeliveries()), { permission: "settings:manage" });
