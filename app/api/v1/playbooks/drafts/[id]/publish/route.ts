// POST /api/v1/playbooks/drafts/{id}/publish — publish the draft as the next immutable version
import { json, withUser } from "@/lib/http/with-user";
import { publishDraft } from "@/lib/playbooks/publish-draft";

export const POST = withUser<{ id: string }>(
  async (_req, { params, actor }) =>
    json(await publishDraft({ id: params.id, actor }), { status: 201 }),
  { permission: "playbooks:publish" },
);
