// GET /api/v1/playbooks/drafts/{id} — a draft with its validation and semantic diff; PUT saves its YAML

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { getDraft } from "@/lib/playbooks/get-draft";
import { updateDraftFromBody } from "@/lib/playbooks/update-draft";

export const GET = withUser<{ id: string }>(
  async (_req, { params }) => json(await getDraft(params.id)),
  { permission: "playbooks:publish" },
);

export const PUT = withUser<{ id: string }>(
  async (req, { params, actor }) =>
    json(await updateDraftFromBody(params.id, await readJson(req, 300 * 1024), actor)),
  { permission: "playbooks:publish" },
);
