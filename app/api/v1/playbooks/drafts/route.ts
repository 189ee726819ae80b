// POST /api/v1/playbooks/drafts — start a draft from a published version (or from YAML)

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { createDraftFromBody } from "@/lib/playbooks/create-draft";

export const POST = withUser(
  async (req, { actor }) =>
    json(await createDraftFromBody(await readJson(req, 300 * 1024), actor), { status: 201 }),
  { permission: "playbooks:publish" },
);
