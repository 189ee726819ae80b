// POST /api/v1/notifications/read — mark some ({ids}) or all ({all: true}) of my notifications read

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";

export const POST = withUser(
  async (req, { user }) =>
    json(await markNotificationsRead(user.id, await readJson(req, 64 * 1024))),
  { permission: "console:read" },
);
