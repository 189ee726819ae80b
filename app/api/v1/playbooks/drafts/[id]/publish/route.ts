// POST /api/v1/playbooks/drafts/{id}/publish — publish the draft as the next immutable version
import { withUser, json } from "@/lib/http/with-user";
import { AppError } from "@/lib/errors/app-error";
import { publishDraft } from "@/lib/playbooks/drafts";

export const POST = withUser<{ id: string }>(
  async (_req, { actor, params }) => {
    if (!/^[0-9a-f-]{36}$/i.test(params.id)) throw new AppError("not_found", "No such draft.");
    return json(await publishDraft({ id: params.id, actor }), { status: 201 });
  },
  { permission: "playbooks:publish" },
);
