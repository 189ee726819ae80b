// POST /api/v1/playbooks/validate — live validation of playbook YAML for the editor (no writes)
import { withUser, json } from "@/lib/http/with-user";
import { readJson } from "@/lib/http/read-json";
import { parsePlaybookYaml } from "@/lib/playbooks/definition";
import { validateInput } from "@/lib/playbooks/schemas";

export const POST = withUser(
  async (req) => {
    const { content } = validateInput.parse(await readJson(req, 300 * 1024));
    const r = parsePlaybookYaml(content);
    return json(r.ok ? { ok: true, issues: [], steps: r.definition.steps.length } : { ok: false, issues: r.issues });
  },
  { permission: "playbooks:read" },
);
