// Reads the drill scenarios, playbooks/drills/<slug>.yaml, and checks each against the
// scenario format and against the playbook it exercises (the latest version on disk): the
// playbook exists, it has every role the scenario casts, every step an expected action names,
// and every plugin an events inject makes misbehave is installed on the scenario's fleet.
// Shared by `npm run playbooks:check` and the drill API; errors read like playbook errors.
import fs from "node:fs";
import path from "node:path";
import { BUILTIN_ROLES, type PlaybookDefinition } from "../playbooks/definition.ts";
import { hashContent, PLAYBOOKS_DIR, readPlaybookFiles } from "../playbooks/files.ts";
import { parseYamlFile, type ValidationIssue } from "../playbooks/parse-yaml-file.ts";
import { type Scenario, scenarioSchema } from "./scenario-schema.ts";

export type ScenarioFile = {
  file: string;
  slug: string;
  content: string;
  contentHash: string;
  scenario?: Scenario;
  issues: ValidationIssue[];
};

export const SCENARIOS_DIR_NAME = "drills";

/** Every playbook role key a scenario may cast: the built-in ones and the playbook's own. */
const rolesOf = (p: PlaybookDefinition) =>
  new Set<string>([...BUILTIN_ROLES, ...p.roles.map((r) => r.key)]);

export function checkScenarioAgainstPlaybook(
  s: Scenario,
  playbook: PlaybookDefinition | undefined,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!playbook)
    return [{ path: "playbook", message: `no valid playbook "${s.playbook}" in playbooks/` }];
  const roles = rolesOf(playbook);
  s.roles.forEach((r, i) => {
    if (!roles.has(r.key))
      issues.push({
        path: `roles.${i}.key`,
        message: `"${r.key}" is not a role of playbook ${playbook.slug}`,
      });
  });
  const steps = new Set(playbook.steps.map((st) => st.id));
  s.expected.forEach((e, i) => {
    if (e.step && !steps.has(e.step))
      issues.push({
        path: `expected.${i}.step`,
        message: `playbook ${playbook.slug} v${playbook.version} has no step "${e.step}"`,
      });
    if (e.assignRole && !roles.has(e.assignRole))
      issues.push({
        path: `expected.${i}.assignRole`,
        message: `"${e.assignRole}" is not a role of playbook ${playbook.slug}`,
      });
  });
  const installed = new Set(s.fleet.plugins.map((p) => `${p.name}@${p.version}`));
  s.injects.forEach((inj, i) => {
    if (inj.kind === "events" && !installed.has(`${inj.plugin.name}@${inj.plugin.version}`))
      issues.push({
        path: `injects.${i}.plugin`,
        message: `${inj.plugin.name} ${inj.plugin.version} is not in fleet.plugins (only plugin_joins adds one)`,
      });
  });
  return issues;
}

/** The latest valid version of each playbook on disk. */
function latestPlaybooks(dir: string): Map<string, PlaybookDefinition> {
  const out = new Map<string, PlaybookDefinition>();
  for (const f of readPlaybookFiles(dir)) {
    if (!f.definition) continue;
    const had = out.get(f.slug);
    if (!had || had.version < f.version) out.set(f.slug, f.definition);
  }
  return out;
}

export function parseScenarioFile(
  rel: string,
  slug: string,
  content: string,
  playbooks: Map<string, PlaybookDefinition>,
): ScenarioFile {
  const base = { file: rel, slug, content, contentHash: hashContent(content) };
  const parsed = parseYamlFile(content, scenarioSchema);
  if (!parsed.ok) return { ...base, issues: parsed.issues };
  const s = parsed.value;
  const issues = checkScenarioAgainstPlaybook(s, playbooks.get(s.playbook));
  if (s.slug !== slug)
    issues.push({
      path: "slug",
      message: `slug "${s.slug}" does not match file name ${slug}.yaml`,
    });
  return {
    ...base,
    scenario: issues.length ? undefined : s,
    issues: issues.map((i) => ({ ...i, line: parsed.lineOfPath(i.path) })),
  };
}

export function readScenarioFiles(playbooksDir = PLAYBOOKS_DIR): ScenarioFile[] {
  const dir = path.join(playbooksDir, SCENARIOS_DIR_NAME);
  if (!fs.existsSync(dir)) return [];
  const playbooks = latestPlaybooks(playbooksDir);
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const rel = path.relative(process.cwd(), path.join(dir, name));
      const m = /^([a-z0-9][a-z0-9-]{0,62})\.yaml$/.exec(name);
      if (!m)
        return {
          file: rel,
          slug: name,
          content: "",
          contentHash: "",
          issues: [{ path: "(file)", message: "scenario files must be named <slug>.yaml" }],
        };
      return parseScenarioFile(rel, m[1], fs.readFileSync(path.join(dir, name), "utf8"), playbooks);
    });
}
