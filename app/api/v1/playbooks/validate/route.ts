// POST /api/v1/playbooks/validate — live validation of playbook YAML for the editor (no writes)

import { readJson } from "@/lib/http/read-json";
import { json, withUser } from "@/lib/http/with-user";
import { validatePlaybookContent } from "@/lib/playbooks/validate-playbook-content";

export const POST = withUser(
  async (req) => json(validatePlaybookContent(await readJson(req, 300 * 1024))),
  { permission: "playbooks:read" },
);
