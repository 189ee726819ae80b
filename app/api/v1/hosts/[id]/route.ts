// GET /api/v1/hosts/{id} — one host: inventory, recent events, incidents
import { withUser, json } from "@/lib/http/with-user";
import { getHost } from "@/lib/hosts/get-host";

export const GET = withUser<{ id: string }>(async (_req, { params }) => json(await getHost(params.id)), { permission: "hosts:read" });
