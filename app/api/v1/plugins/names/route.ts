// GET /api/v1/plugins/names — distinct plugin names across the fleet with host counts
import { withUser, json } from "@/lib/http/with-user";
import { listPluginNames } from "@/lib/hosts/list-plugin-names";

export const GET = withUser(async () => json({ plugins: await listPluginNames() }), { permission: "hosts:read" });
