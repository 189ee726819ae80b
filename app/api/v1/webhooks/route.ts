// GET /api/v1/webhooks — outbound webhook endpoints per team; POST adds one (admins)

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { createWebhookFromBody } from "@/lib/notifications/create-webhook";
import { listWebhooks } from "@/lib/notifications/list-webhooks";

export const GET = withUser(async () => json(await listWebhooks()), {
  permission: "settings:manage",
});

export const POST = withUser(
  async (req, { actor }) =>
    json(await createWebhookFromBody(await readJson(req, 8 * 1024), actor), { status: 201 }),
  { permission: "settings:manage" },
);
