// POST /api/v1/hosts/{id}/revoke — revoke a host; its agent token stops working at once (admins)
import { withUser, json } from "@/lib/http/with-user";
import { revokeHost } from "@/lib/hosts/revoke-host";
import { userActor } from "@/lib/audit/actor";

export const POST = withUser<{ id: string }>(
  async (_req, { user, params }) => json(await revokeHost(params.id, userActor(user))),
  { permission: "hosts:manage" },
);
