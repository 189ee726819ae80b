// GET|PUT /api/v1/artifacts/retention — retention days per artifact kind (admins)

import { listRetention } from "@/lib/artifacts/list-retention";
import { updateRetention } from "@/lib/artifacts/update-retention";
import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";

export const dynamic = "force-dynamic";

export const GET = withUser(async () => json({ policies: await listRetention() }), {
  permission: "settings:manage",
});
export const PUT = withUser(
  async (req, { user }) =>
    json({ policies: await updateRetention(await readJson(req, 16 * 1024), user) }),
  { permission: "settings:manage" },
);
