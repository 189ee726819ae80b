// GET /api/v1/notifications — the signed-in user's notifications and unread count
import { json, withUser } from "@/lib/http/with-user";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const GET = withUser(async (_req, { user }) => json(await listNotifications(user.id)), {
  permission: "console:read",
});
