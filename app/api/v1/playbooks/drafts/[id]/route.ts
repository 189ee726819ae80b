// GET /api/v1/playbooks/drafts/{id} — a draft with its validation and semantic diff; PUT saves its YAML
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { AppError } from "@/lib/errors/app-error";
import { getDraft, updateDraft } from "@/lib/playbooks/drafts";
import { updateDraftInput } from "@/lib/playbooks/schemas";

const UUID = /^[0-9a-f-]{36}$/i;
const checkId = (id: string) => {
  if (!UUID.test(id)) throw new AppError("not_found", "No such draft.");
  return id;
};

export const GET = withUser<{ id: string }>(async (_req, { params }) => json(await getDraft(checkId(params.id))), { permission: "playbooks:publish" });

export const PUT = withUser<{ id: string }>(
  async (req, { user, params }) => {
    const body = updateDraftInput.parse(await readJson(req, 300 * 1024));
    await updateDraft({ id: checkId(params.id), content: body.content, actor: { type: "user", id: user.id, label: user.name } });
    return json(await getDraft(params.id));
  },
  { permission: "playbooks:publish" },
);
