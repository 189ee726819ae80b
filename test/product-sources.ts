// The product's own source files under the given folders (no tests, no generated client), for
// guard tests that check where something may appear. Paths are relative to the repo root.
import fs from "node:fs";
import path from "node:path";

export function productSources(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === "generated" || e.name === "node_modules" || e.name.startsWith(".")) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
    }
  };
  dirs.forEach(walk);
  return out;
}

export const sourcesMatching = (re: RegExp[], ...dirs: string[]) =>
  productSources(...dirs).filter((f) => re.some((r) => r.test(fs.readFileSync(f, "utf8"))));
