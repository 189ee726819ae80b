// POST /api/v1/hosts/{id}/revoke — revoke a host; its agent token stops working at once (admins)

import { revokeHost } from "@/lib/hosts/revoke-host";
import { json, withUser } from "@/lib/http/with-user";

export const POST = withUser<{ id: string }>(
  async (_req, { actor, params }) => json(await revokeHost(params.id, actor)),
  { permission: "hosts:manage" },
);
