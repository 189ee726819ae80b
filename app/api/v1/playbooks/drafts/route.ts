// POST /api/v1/playbooks/drafts — start a draft from a published version (or from YAML)
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { createDraft } from "@/lib/playbooks/drafts";
import { createDraftInput } from "@/lib/playbooks/schemas";

export const POST = withUser(
  async (req, { user }) => json(await createDraft({ ...createDraftInput.parse(await readJson(req, 300 * 1024)), actor: { type: "user", id: user.id, label: user.name } }), { status: 201 }),
  { permission: "playbooks:publish" },
);
