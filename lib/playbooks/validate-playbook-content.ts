import { parseInput } from "../errors/parse-input.ts";
import { parsePlaybookYaml } from "./definition.ts";
import { validateInput } from "./schemas.ts";

/** POST /playbooks/validate: `body` is the raw { content } of the editor. Pure (no writes):
 *  the YAML's own problems are the answer, not an error. */
export function validatePlaybookContent(body: unknown) {
  const r = parsePlaybookYaml(parseInput(validateInput, body).content);
  return r.ok
    ? { ok: true, issues: [], steps: r.definition.steps.length }
    : { ok: false, issues: r.issues };
}
