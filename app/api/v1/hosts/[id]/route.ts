// GET /api/v1/hosts/{id} — one host: inventory, recent events, incidents

import { getHost } from "@/lib/hosts/get-host";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser<{ id: string }>(
  async (_req, { params }) => json(await getHost(params.id)),
  { permission: "hosts:read" },
);
