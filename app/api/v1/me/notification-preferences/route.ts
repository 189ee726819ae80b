// GET /api/v1/me/notification-preferences — my e-mail preferences and the e-mails sent to me lately
// PUT /api/v1/me/notification-preferences — replace my e-mail preferences (which notifications, quiet hours)
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { getNotificationPreferences } from "@/lib/notifications/get-notification-preferences";
import { updateNotificationPreferences } from "@/lib/notifications/update-notification-preferences";

export const GET = withUser(
  async (_req, { user }) => json(await getNotificationPreferences(user)),
  {
    permission: "console:read",
  },
);

export const PUT = withUser(
  async (req, { actor }) =>
    json(await updateNotificationPreferences(actor, await readJson(req, 16 * 1024))),
  { permission: "console:read" },
);
