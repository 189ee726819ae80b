// DELETE /api/v1/webhooks/{id} — remove an outbound webhook endpoint (its delivery log goes with it)
import { withUser, json } from "@/lib/http/with-user";
import { AppError } from "@/lib/errors/app-error";
import { deleteWebhook } from "@/lib/notifications/webhooks";

export const DELETE = withUser<{ id: string }>(
  async (_req, { params, actor }) => {
    if (!/^[0-9a-f-]{36}$/i.test(params.id)) throw new AppError("not_found", "No such webhook.");
    return json(await deleteWebhook({ id: params.id, actor }));
  },
  { permission: "settings:manage" },
);
