import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A Next.js middleware/proxy that matches an upload route buffers the body and was measured
// silently truncating a 300 MB upload to ~10 MB. None may exist that matches these paths.
const UPLOAD_PATHS = [
  "/api/agent/v1/artifacts",
  "/api/agent/v1/artifacts/0b0e6c2e-1111-4222-8333-944445555666",
  "/api/v1/artifacts/uploads",
  "/api/v1/artifacts/uploads/0b0e6c2e-1111-4222-8333-944445555666",
];
const CANDIDATES = ["middleware", "proxy"].flatMap((n) =>
  ["", "src/"].flatMap((d) => ["ts", "js", "mjs", "tsx"].map((e) => `${d}${n}.${e}`)),
);

/** Next's matcher syntax (path-to-regexp subset) → RegExp, enough for our own matchers. */
function matcherToRegExp(m: string): RegExp {
  // Parenthesised groups are raw regular expressions in Next's matchers; the rest is a path
  // with :params, where "." and friends are literal.
  let out = "";
  let depth = 0;
  for (let i = 0; i < m.length; i++) {
    const c = m[i];
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (depth > 0 || c === ")") {
      out += c;
      continue;
    }
    if (c === ":") {
      const name = /^:(\w+)([*+?]?)/.exec(m.slice(i))!;
      out += name[2] === "*" ? ".*" : name[2] === "+" ? ".+" : name[2] === "?" ? "[^/]*" : "[^/]+";
      i += name[0].length - 1;
      continue;
    }
    out += /[.+?^${}|[\]\\*]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${out}$`);
}

describe("upload routes are never behind middleware/proxy", () => {
  it("has no middleware or proxy file whose matcher covers an upload path", () => {
    for (const rel of CANDIDATES) {
      const file = path.resolve(rel);
      if (!fs.existsSync(file)) continue;
      const text = fs.readFileSync(file, "utf8");
      const block = /matcher\s*:\s*(\[[\s\S]*?\]|"[^"]*"|'[^']*')/.exec(text);
      // Without a matcher a middleware runs on every path, uploads included.
      expect(block, `${rel} has no matcher, so it runs on the upload routes`).not.toBeNull();
      const matchers = [...block![1].matchAll(/["'`]([^"'`]+)["'`]/g)].map((m) => m[1]);
      for (const p of UPLOAD_PATHS) {
        for (const m of matchers)
          expect(matcherToRegExp(m).test(p), `${rel} matcher ${m} covers upload path ${p}`).toBe(
            false,
          );
      }
    }
  });

  it("the check itself catches a matcher that covers uploads", () => {
    expect(matcherToRegExp("/api/:path*").test("/api/v1/artifacts/uploads")).toBe(true);
    expect(
      matcherToRegExp("/((?!api/agent/v1/artifacts|api/v1/artifacts/uploads).*)").test(
        "/api/v1/artifacts/uploads/x",
      ),
    ).toBe(false);
    expect(
      matcherToRegExp("/((?!api/agent/v1/artifacts|api/v1/artifacts/uploads).*)").test(
        "/incidents/INC-2026-0001",
      ),
    ).toBe(true);
    expect(matcherToRegExp("/api/v1/:rest*").test("/api/v1/artifacts/uploads/abc")).toBe(true);
    expect(matcherToRegExp("/settings/:id").test("/api/v1/artifacts/uploads")).toBe(false);
  });
});
