// The folder-level import graph of lib/ must have no cycle: a cycle means some arrow points up
// (a lower layer importing a higher one), which is how lib/db came to import lib/audit and
// lib/timers the domains that schedule timers. Seams where a lower layer must call a higher
// one are wired by the composition root (lib/server/register-handlers.ts) instead.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const LIB = path.resolve("lib");

// Files counted in the folder they are moving to on a parallel branch of issue 11, so this
// test holds on each branch and after the merge. Delete an entry once its file has moved.
const MOVING: Record<string, string> = {};

// Known back edges still to be broken, each with why it is still there. The test fails when
// one of them disappears, so the list only shrinks. Empty since signing-key rotation (which
// audits itself) moved above lib/signing and lib/audit, and the event labels and default
// severities moved down into lib/incidents, their only user.
const KNOWN_BACK_EDGES: Record<string, string> = {};

// The layers that import no domain: only these folders (and lib/*.ts leaves) below them.
const FOUNDATIONS: Record<string, string[]> = {
  db: ["generated", "errors", "env.ts", "log.ts", "process-singleton.ts", "telemetry.ts"],
  errors: [],
};

type Edge = { from: string; to: string; file: string; spec: string };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(p);
    // Tests may reach across folders to set up a scenario; the layers are about shipped code.
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** lib/<folder>/… → "<folder>"; a file directly in lib/ is its own node ("env.ts"). */
function folderOf(file: string): string {
  const rel = path.relative(LIB, file).split(path.sep).join("/");
  if (MOVING[rel]) return MOVING[rel];
  return rel.split("/")[0];
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^\s*import\s+["']([^"']+)["']/gm;

function importEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(LIB)) {
    for (const m of fs.readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const target = spec.startsWith(".")
        ? path.resolve(path.dirname(file), spec)
        : spec.startsWith("@/lib/")
          ? path.resolve(spec.slice(2))
          : null;
      if (!target || !target.startsWith(LIB + path.sep)) continue;
      const from = folderOf(file);
      const to = folderOf(target);
      if (from !== to && to !== "generated")
        edges.push({ from, to, file: path.relative(LIB, file), spec });
    }
  }
  return edges;
}

/** Strongly connected components with more than one folder (Tarjan). */
function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) (next.get(e.from) ?? next.set(e.from, new Set()).get(e.from)!).add(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do scc.push((w = stack.pop()!));
      while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return out;
}

const describeCycle = (scc: string[], edges: Edge[]) =>
  `${scc.join(" ⇄ ")}:\n` +
  edges
    .filter((e) => scc.includes(e.from) && scc.includes(e.to))
    .map((e) => `    ${e.from} -> ${e.to}   (lib/${e.file} imports ${e.spec})`)
    .join("\n");

describe("layers of lib/", () => {
  const edges = importEdges();
  const known = (e: Edge) => `${e.from} -> ${e.to}` in KNOWN_BACK_EDGES;

  it("finds the imports it checks (the scan works)", () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(edges).toContainEqual(expect.objectContaining({ from: "commands", to: "db" }));
  });

  it("has no folder cycle", () => {
    const remaining = edges.filter((e) => !known(e));
    expect(cycles(remaining).map((scc) => describeCycle(scc, remaining))).toEqual([]);
  });

  it("still needs every known back edge (remove the ones that are gone)", () => {
    const present = new Set(edges.map((e) => `${e.from} -> ${e.to}`));
    expect(Object.keys(KNOWN_BACK_EDGES).filter((k) => !present.has(k))).toEqual([]);
    for (const rel of Object.keys(MOVING))
      expect(fs.existsSync(path.join(LIB, rel)), `lib/${rel} has moved: drop it from MOVING`).toBe(
        true,
      );
  });

  it("lib/db and lib/errors import nothing of the domains", () => {
    const bad = edges.filter((e) => e.from in FOUNDATIONS && !FOUNDATIONS[e.from].includes(e.to));
    expect(bad.map((e) => `lib/${e.file} imports ${e.spec}`)).toEqual([]);
  });
});
