// GET|POST /api/v1/api-tokens — list your API tokens (admins: everyone's); create one, shown once

import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser(async (_req, { user }) => json(await listApiTokens(user)), {
  permission: "console:read",
});

export const POST = withUser(
  async (req, { user, actor }) =>
    json(await createApiToken(await readJson(req, 16 * 1024), user, actor), { status: 201 }),
  { permission: "console:read" },
);
