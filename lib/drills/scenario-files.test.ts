import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readScenarioFiles } from "./scenario-files.ts";

const shipped = (slug: string) =>
  fs.readFileSync(path.resolve("playbooks/drills", `${slug}.yaml`), "utf8");

describe("drill scenario files", () => {
  it("ships two valid scenarios, each against its playbook", () => {
    const files = readScenarioFiles();
    expect(files.map((f) => [f.slug, f.issues])).toEqual([
      ["rollback-fails", []],
      ["sandbox-escape-spread", []],
    ]);
    const escape = files.find((f) => f.slug === "sandbox-escape-spread")!.scenario!;
    expect(escape.fleet.hosts).toBe(50);
    expect(escape.durationSeconds).toBe(1800);
    const kinds = new Set(files.flatMap((f) => f.scenario!.injects.map((i) => i.kind)));
    for (const k of [
      "message",
      "host_offline",
      "command_fails",
      "command_silent",
      "command_rejected",
    ])
      expect(kinds).toContain(k);
  });

  it("playbooks:check exits 1 naming file, line, path and message for a scenario that does not fit its playbook", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drillcheck-"));
    fs.cpSync(path.resolve("playbooks/sandbox-escape"), path.join(dir, "sandbox-escape"), {
      recursive: true,
    });
    fs.mkdirSync(path.join(dir, "drills"));
    fs.writeFileSync(
      path.join(dir, "drills", "sandbox-escape-spread.yaml"),
      shipped("sandbox-escape-spread").replace("step: approve-quarantine", "step: approve-nothing"),
    );
    const bad = readScenarioFiles(dir)[0];
    expect(bad.issues).toEqual([
      expect.objectContaining({
        path: "expected.3.step",
        message: 'playbook sandbox-escape v1 has no step "approve-nothing"',
      }),
    ]);
    let failed: { status: number; stderr: string } | null = null;
    try {
      execFileSync("npx", ["tsx", "scripts/playbooks-check.ts", dir], { stdio: "pipe" });
    } catch (e) {
      failed = e as { status: number; stderr: string };
    }
    fs.rmSync(dir, { recursive: true, force: true });
    expect(failed?.status).toBe(1);
    expect(String(failed?.stderr)).toMatch(
      /drills\/sandbox-escape-spread\.yaml:\d+: expected\.3\.step: playbook sandbox-escape v1 has no step/,
    );
  });
});
