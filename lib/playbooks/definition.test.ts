import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { matchesTrigger, type PlaybookDefinition, parsePlaybookYaml } from "./definition.ts";
import { readPlaybookFiles } from "./files.ts";

const shipped = () => readPlaybookFiles();
const yamlOf = (slug: string) =>
  fs.readFileSync(path.resolve("playbooks", slug, "v1.yaml"), "utf8");

describe("playbook files", () => {
  it("ships three valid playbooks, each with roles, SLAs, escalation, commands, an approval and a decision", () => {
    const files = shipped();
    expect(files.map((f) => f.slug)).toEqual(
      expect.arrayContaining(["sandbox-escape", "permission-violation", "unsigned-plugin"]),
    );
    for (const f of files) {
      expect(f.issues, f.file).toEqual([]);
      const d = f.definition!;
      const kinds = new Set(d.steps.map((s) => s.kind));
      expect([...kinds], f.file).toEqual(
        expect.arrayContaining(["command", "approval", "decision"]),
      );
      expect(d.roles.length, f.file).toBeGreaterThan(0);
      expect(
        d.steps.some((s) => s.slaMinutes),
        f.file,
      ).toBe(true);
      expect(
        d.steps.some((s) => s.escalation),
        f.file,
      ).toBe(true);
    }
  });

  it("reports precise paths and lines for structural errors", () => {
    const bad = yamlOf("sandbox-escape")
      .replace("kind: approval", "kind: approve")
      .replace("minSeverity: high", "minSeverity: severe");
    const r = parsePlaybookYaml(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path);
    expect(paths).toContain("triggers.0.minSeverity");
    expect(paths.some((p) => p.startsWith("steps.3"))).toBe(true);
    expect(r.issues.find((i) => i.path === "triggers.0.minSeverity")!.line).toBe(10);
  });

  it("rejects unknown dependencies, unknown roles, duplicate ids and cycles", () => {
    const base = parsePlaybookYaml(yamlOf("permission-violation"));
    if (!base.ok) throw new Error("fixture invalid");
    const text = (d: unknown) => JSON.stringify(d); // JSON is YAML
    const withSteps = (steps: unknown[]) => text({ ...base.definition, steps });
    const t = (id: string, extra: object = {}) => ({ id, kind: "task", title: id, ...extra });
    const issues = (s: string) => {
      const r = parsePlaybookYaml(s);
      return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
    };
    expect(issues(withSteps([t("a", { needs: ["zzz"] })]))).toEqual([
      'steps.0.needs.0: unknown step "zzz"',
    ]);
    expect(issues(withSteps([t("a", { role: "ghost" })]))).toEqual([
      'steps.0.role: unknown role "ghost"',
    ]);
    expect(issues(withSteps([t("a"), t("a")]))).toEqual(['steps.1.id: duplicate step id "a"']);
    expect(issues(withSteps([t("a", { needs: ["b"] }), t("b", { needs: ["a"] })]))[0]).toMatch(
      /dependency cycle: a → b → a|dependency cycle: b → a → b/,
    );
    expect(issues("slug: x\nversion: 1\ntitle: t\nsteps: [\n")[0]).toMatch(/^\(yaml\)/);
  });

  it("matches triggers on event type, minimum severity and plugin glob", () => {
    const d = {
      triggers: [{ eventTypes: ["permission_violation"], minSeverity: "medium", plugin: "acme-*" }],
    } as unknown as PlaybookDefinition;
    expect(
      matchesTrigger(d, { type: "permission_violation", severity: "high", pluginName: "acme-pdf" }),
    ).toBe(true);
    expect(
      matchesTrigger(d, { type: "permission_violation", severity: "low", pluginName: "acme-pdf" }),
    ).toBe(false);
    expect(
      matchesTrigger(d, { type: "permission_violation", severity: "high", pluginName: "other" }),
    ).toBe(false);
    expect(
      matchesTrigger(d, { type: "quota_exceeded", severity: "critical", pluginName: "acme-pdf" }),
    ).toBe(false);
  });
});

describe("npm run playbooks:check", () => {
  it("exits 0 on the shipped playbooks and 1 with file, path and message on a bad one", () => {
    const out = execFileSync("npx", ["tsx", "scripts/playbooks-check.ts"], { encoding: "utf8" });
    expect(out).toMatch(/3 playbook file\(s\) and 2 drill scenario\(s\) checked, 0 error\(s\)/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pbcheck-"));
    fs.mkdirSync(path.join(dir, "sandbox-escape"));
    fs.writeFileSync(
      path.join(dir, "sandbox-escape", "v2.yaml"),
      yamlOf("sandbox-escape").replace("slaMinutes: 10", "slaMinutes: -1"),
    );
    fs.writeFileSync(path.join(dir, "sandbox-escape", "v3.yaml"), yamlOf("sandbox-escape"));
    let failed: { status: number; stderr: string } | null = null;
    try {
      execFileSync("npx", ["tsx", "scripts/playbooks-check.ts", dir], {
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (e) {
      failed = e as { status: number; stderr: string };
    }
    expect(failed?.status).toBe(1);
    expect(failed?.stderr).toMatch(/sandbox-escape\/v2\.yaml:\d+: steps\.0\.slaMinutes: /);
    expect(failed?.stderr).toMatch(
      /v3\.yaml: version: version 1 does not match file name v3\.yaml/,
    );
  });
});
