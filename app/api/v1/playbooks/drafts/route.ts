// POST /api/v1/playbooks/drafts — start a draft from a published version (or from YAML)
import { withUser, json, readJson } from "@/lib/http/with-user";
import { createDraft } from "@/lib/playbooks/drafts";
import { createDraftInput } from "@/lib/playbooks/schemas";

export const POST = withUser(
  async (req, { actor }) => json(await createDraft({ ...createDraftInput.parse(await readJson(req, 300 * 1024)), actor }), { status: 201 }),
  { permission: "playbooks:publish" },
);
