// GET /api/v1/webhooks — outbound webhook endpoints per team; POST adds one (admins)
import { withUser, json, readJson } from "@/lib/http/with-user";
import { createWebhook, listWebhooks } from "@/lib/notifications/webhooks";
import { webhookInput } from "@/lib/playbooks/schemas";

export const GET = withUser(async () => json(await listWebhooks()), { permission: "settings:manage" });

export const POST = withUser(
  async (req, { actor }) => json(await createWebhook({ ...webhookInput.parse(await readJson(req, 8 * 1024)), actor }), { status: 201 }),
  { permission: "settings:manage" },
);
