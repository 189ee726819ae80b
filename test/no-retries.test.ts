// A flaky test is a bug to find, not to hide: no Vitest `retry` and no Playwright `retries`
// anywhere in the suite or its configs.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

function files(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".") || e.name === "generated") continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (/\.(test|spec|integration\.test)\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

it("retries no test", () => {
  const suspects = [...files("."), "vitest.config.ts", "playwright.config.ts"].filter((f) => {
    if (f === path.join("test", "no-retries.test.ts")) return false;
    const src = fs.readFileSync(f, "utf8").replace(/\/\/.*$/gm, "");
    return /\bretry\s*:\s*[1-9]|\bretries\s*:\s*[1-9]|\.configure\(\s*\{[^}]*retries|--retries/.test(
      src,
    );
  });
  expect(suspects).toEqual([]);
});
