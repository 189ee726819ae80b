// Reads playbooks/<slug>/v<N>.yaml from disk. Shared by `npm run playbooks:check` and the
// loader at start; the file name must agree with the slug and version inside the file.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type PlaybookDefinition, parsePlaybookYaml, type ValidationIssue } from "./definition.ts";

export const PLAYBOOKS_DIR = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "playbooks");

export type PlaybookFile = {
  file: string;
  slug: string;
  version: number;
  content: string;
  contentHash: string;
  definition?: PlaybookDefinition;
  issues: ValidationIssue[];
};

export const hashContent = (content: string) =>
  crypto.createHash("sha256").update(content, "utf8").digest("hex");

const FILE_RE = /^v([1-9][0-9]*)\.yaml$/;

export function readPlaybookFiles(dir = PLAYBOOKS_DIR): PlaybookFile[] {
  if (!fs.existsSync(dir)) return [];
  const out: PlaybookFile[] = [];
  for (const slugDir of fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    // playbooks/drills/ holds drill scenarios (another format), not playbooks.
    if (slugDir === "drills") continue;
    for (const name of fs.readdirSync(path.join(dir, slugDir)).sort()) {
      const file = path.join(dir, slugDir, name);
      const rel = path.relative(process.cwd(), file);
      const m = FILE_RE.exec(name);
      if (!m) {
        out.push({
          file: rel,
          slug: slugDir,
          version: 0,
          content: "",
          contentHash: "",
          issues: [{ path: "(file)", message: "playbook files must be named v<N>.yaml" }],
        });
        continue;
      }
      const content = fs.readFileSync(file, "utf8");
      const version = Number(m[1]);
      const parsed = parsePlaybookYaml(content);
      const issues = parsed.ok ? [] : parsed.issues;
      if (parsed.ok && parsed.definition.slug !== slugDir)
        issues.push({
          path: "slug",
          message: `slug "${parsed.definition.slug}" does not match folder "${slugDir}"`,
        });
      if (parsed.ok && parsed.definition.version !== version)
        issues.push({
          path: "version",
          message: `version ${parsed.definition.version} does not match file name v${version}.yaml`,
        });
      out.push({
        file: rel,
        slug: slugDir,
        version,
        content,
        contentHash: hashContent(content),
        definition: parsed.ok ? parsed.definition : undefined,
        issues,
      });
    }
  }
  return out;
}

export function formatIssues(f: { file: string; issues: ValidationIssue[] }): string[] {
  return f.issues.map((i) => `${f.file}${i.line ? `:${i.line}` : ""}: ${i.path}: ${i.message}`);
}
