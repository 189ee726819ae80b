// DELETE /api/v1/webhooks/{id} — remove an outbound webhook endpoint (its delivery log goes with it)
import { json, withUser } from "@/lib/http/with-user";
import { deleteWebhook } from "@/lib/notifications/delete-webhook";

export const DELETE = withUser<{ id: string }>(
  async (_req, { params, actor }) => json(await deleteWebhook({ id: params.id, actor })),
  { permission: "settings:manage" },
);
