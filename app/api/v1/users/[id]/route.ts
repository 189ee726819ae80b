// PATCH /api/v1/users/{id} — change a user's role or disable/enable them (admins only)

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { updateUser } from "@/lib/users/update-user";

export const PATCH = withUser<{ id: string }>(
  async (req, { actor, params }) => json(await updateUser(params.id, await readJson(req), actor)),
  { permission: "users:manage" },
);
