// POST /api/v1/playbooks/import — import a CACAO 2.0 playbook as a draft, with a mapping report

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { importCacaoDraft } from "@/lib/playbooks/import-cacao-draft";

export const POST = withUser(
  async (req, { actor }) =>
    json(await importCacaoDraft(await readJson(req, 2 * 1024 * 1024), actor), { status: 201 }),
  { permission: "playbooks:publish" },
);
