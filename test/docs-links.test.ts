// A clone holds only this repository: a link from README.md or docs/ to a sibling checkout
// (../shared/…) or to a file that moved is a dead end for every reader. Links either go to
// an external http(s) page (a standard, a vendor's docs) or to a path inside the repository
// that exists, with the heading when they name one.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(".");
const DOCS = [
  "README.md",
  ...fs
    .readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

// Code is not prose: `[a](b)` inside a fence or backticks is an example, not a link.
const withoutCode = (md: string) =>
  md.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");

function linkTargets(md: string): string[] {
  const text = withoutCode(md);
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const reference = [...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map(
    (m) => m[1],
  );
  return [...inline, ...reference];
}

// GitHub's heading ids: lower case, punctuation dropped, spaces to dashes.
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

function anchorsOf(md: string): Set<string> {
  return new Set(
    [...withoutCode(md).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) =>
      slug(m[1].replace(/`/g, "")),
    ),
  );
}

/** Why a link from `file` is not allowed, or null when it is fine. */
function badLink(file: string, target: string): string | null {
  if (/^https?:\/\/[^/]+/.test(target)) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return "only http(s) links may leave the repository";
  const [rel, anchor] = target.split("#", 2) as [string, string | undefined];
  if (rel.startsWith("/")) return "absolute paths do not resolve in a clone; use a relative path";
  const resolved = path.resolve(path.dirname(path.join(ROOT, file)), decodeURIComponent(rel));
  if (resolved !== ROOT && !resolved.startsWith(ROOT + path.sep))
    return "points outside the repository";
  if (!fs.existsSync(resolved)) return "no such file in the repository";
  if (
    anchor &&
    resolved.endsWith(".md") &&
    !anchorsOf(fs.readFileSync(resolved, "utf8")).has(anchor)
  )
    return `no heading #${anchor}`;
  return null;
}

const problems = (file: string, md: string) =>
  linkTargets(md)
    .map((t) => ({ target: t, why: badLink(file, t) }))
    .filter((p) => p.why !== null)
    .map((p) => `${file}: ${p.target} — ${p.why}`);

describe("links in README.md and docs/", () => {
  it("finds the links there are", () => {
    expect(DOCS).toContain("docs/AGENT-PROTOCOL.md");
    expect(linkTargets(fs.readFileSync("README.md", "utf8"))).toContain("docs/AGENT-PROTOCOL.md");
  });

  it("refuses links out of the repository, to missing files and to missing headings", () => {
    const md =
      "[a](../shared/AGENT-PROTOCOL.md) [b](docs/NOPE.md) [c](/etc/passwd) [d](file:///x) [e](docs/AGENT.md#no-such-heading)\n[f]: ../../x.md\n";
    expect(problems("README.md", md)).toHaveLength(6);
    expect(
      problems(
        "README.md",
        "[ok](docs/AGENT.md#flags) [rfc](https://www.rfc-editor.org/rfc/rfc8785) `[x](../code.md)`",
      ),
    ).toEqual([]);
  });

  it.each(DOCS)("%s links only inside the repository or to http(s) pages", (file) => {
    expect(problems(file, fs.readFileSync(file, "utf8"))).toEqual([]);
  });
});
