// npm run playbooks:check — validates every playbooks/<slug>/v<N>.yaml and every drill
// scenario playbooks/drills/<slug>.yaml (against the playbook it exercises); exit 1 on any error.
import path from "node:path";
import { readScenarioFiles } from "../lib/drills/scenario-files.ts";
import { formatIssues, PLAYBOOKS_DIR, readPlaybookFiles } from "../lib/playbooks/files.ts";

const dir = process.argv[2] ? path.resolve(process.argv[2]) : PLAYBOOKS_DIR;
const files = readPlaybookFiles(dir);
const scenarios = readScenarioFiles(dir);
let errors = 0;
for (const f of [...files, ...scenarios]) {
  for (const line of formatIssues(f)) {
    console.error(line);
    errors++;
  }
}
if (files.length === 0) {
  console.error(`${path.relative(process.cwd(), dir) || "."}: no playbook files found`);
  process.exit(1);
}
console.log(
  `${files.length} playbook file(s) and ${scenarios.length} drill scenario(s) checked, ${errors} error(s)`,
);
process.exit(errors ? 1 : 0);
