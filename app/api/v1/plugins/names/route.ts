// GET /api/v1/plugins/names — distinct plugin names across the fleet with host counts

import { listPluginNames } from "@/lib/hosts/list-plugin-names";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser(async () => json({ plugins: await listPluginNames() }), {
  permission: "hosts:read",
});
