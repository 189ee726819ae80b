// GET /api/v1/webhooks — outbound webhook endpoints per team; POST adds one (admins)
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { createWebhook, listWebhooks } from "@/lib/notifications/webhooks";
import { webhookInput } from "@/lib/playbooks/schemas";

export const GET = withUser(async () => json(await listWebhooks()), { permission: "settings:manage" });

export const POST = withUser(
  async (req, { user }) => json(await createWebhook({ ...webhookInput.parse(await readJson(req, 8 * 1024)), actor: { type: "user", id: user.id, label: user.name } }), { status: 201 }),
  { permission: "settings:manage" },
);
