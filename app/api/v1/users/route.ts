// GET|POST /api/v1/users — list users; create a user (admins only)

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";

export const GET = withUser(async () => json({ users: await listUsers() }), {
  permission: "users:manage",
});

export const POST = withUser(
  async (req, { actor }) => json(await createUser(await readJson(req), actor), { status: 201 }),
  { permission: "users:manage" },
);
