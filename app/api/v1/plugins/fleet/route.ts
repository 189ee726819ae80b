// GET /api/v1/plugins/fleet?name=&version=&sha256=&signer=&origin=&state= — a plugin's blast radius

import { findPluginFleet } from "@/lib/hosts/find-plugin-fleet";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser(
  async (req) => json(await findPluginFleet(Object.fromEntries(req.nextUrl.searchParams))),
  { permission: "hosts:read" },
);
