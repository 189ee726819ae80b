// GET|POST /api/v1/enrollment-tokens — list enrollment tokens; create one, shown once (admins)

import { createEnrollmentToken } from "@/lib/hosts/create-enrollment-token";
import { listEnrollmentTokens } from "@/lib/hosts/list-enrollment-tokens";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const GET = withUser(async () => json({ tokens: await listEnrollmentTokens() }), {
  permission: "hosts:manage",
});

export const POST = withUser(
  async (req, { actor }) =>
    json(await createEnrollmentToken(await readJson(req, 16 * 1024), actor), { status: 201 }),
  { permission: "hosts:manage" },
);
