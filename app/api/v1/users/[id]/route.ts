// PATCH /api/v1/users/{id} — change a user's role or disable/enable them (admins only)
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { updateUser } from "@/lib/users/update-user";
import { userActor } from "@/lib/audit/actor";

export const PATCH = withUser<{ id: string }>(
  async (req, { user, params }) => json(await updateUser(params.id, await readJson(req), userActor(user))),
  { permission: "users:manage" },
);
