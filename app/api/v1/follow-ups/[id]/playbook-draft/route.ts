// POST /api/v1/follow-ups/{id}/playbook-draft — open a draft of the playbook version the incident ran

import { proposePlaybookChange } from "@/lib/follow-ups/propose-playbook-change";
import { json, withUser } from "@/lib/http/with-user";

export const POST = withUser<{ id: string }>(
  async (_req, { actor, params }) =>
    json(await proposePlaybookChange(params.id, actor), { status: 201 }),
  { permission: "playbooks:publish" },
);
