// POST /api/v1/api-tokens/{id}/revoke — revoke an API token (its owner, or an admin)

import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { json, withUser } from "@/lib/http/with-user";

export const POST = withUser<{ id: string }>(
  async (_req, { user, actor, params }) => json(await revokeApiToken(params.id, user, actor)),
  { permission: "console:read" },
);
