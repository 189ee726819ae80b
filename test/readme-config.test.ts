// The README's configuration table is the operator's only map of the knobs: every variable
// lib/env.ts accepts must be in it, and it must not document variables that no longer exist.
import fs from "node:fs";
import { describe, expect, it } from "vitest";

const envSource = fs.readFileSync("lib/env.ts", "utf8");
const schemaBody = envSource.slice(
  envSource.indexOf("const schema = z.object({"),
  envSource.indexOf("\n});"),
);
const envVars = [...schemaBody.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);

const readme = fs.readFileSync("README.md", "utf8");
const configSection = readme.slice(
  readme.indexOf("## Configuration"),
  readme.indexOf("Read only by the tests"),
);
const documented = [...configSection.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]);

describe("README configuration table", () => {
  it("finds the variables in lib/env.ts", () => {
    expect(envVars).toContain("DATABASE_URL");
    expect(envVars.length).toBeGreaterThan(20);
  });
  it("documents every variable lib/env.ts reads", () => {
    expect(envVars.filter((v) => !documented.includes(v))).toEqual([]);
  });
  it("documents no variable lib/env.ts does not read", () => {
    expect(documented.filter((v) => !envVars.includes(v))).toEqual([]);
  });
});
