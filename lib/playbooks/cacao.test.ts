import fs from "node:fs";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { cacaoAction, cacaoId, foreignPlaybook } from "../../test/cacao-fixtures.ts";
import { exportCacao } from "./cacao-export.ts";
import { importCacao } from "./cacao-import.ts";
import { nextTransitions } from "./dag.ts";
import { readPlaybookFiles } from "./files.ts";

// The official OASIS schemas use unevaluatedProperties (draft 2019-09) under a draft-07
// $schema, so they are compiled with Ajv's 2019 dialect; every sub-schema is loaded by $id.
const SCHEMAS = path.resolve("vendor/cacao-2.0-schemas/schemas");
function loadValidator() {
  const Ajv = (Ajv2019 as unknown as { default?: typeof Ajv2019 }).default ?? Ajv2019;
  const ajv = new Ajv({ strict: false, allErrors: true });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  const walk = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory()
          ? walk(path.join(d, e.name))
          : e.name.endsWith(".json")
            ? [path.join(d, e.name)]
            : [],
      );
  let loaded = 0;
  for (const f of walk(SCHEMAS)) {
    const s = JSON.parse(fs.readFileSync(f, "utf8"));
    delete s.$schema;
    ajv.addSchema(s);
    loaded++;
  }
  const validate = ajv.getSchema(
    "https://raw.githubusercontent.com/oasis-open/cacao-json-schemas/main/schemas/playbook.json",
  )!;
  return { validate, loaded };
}

const meta = {
  created: new Date("2026-11-01T10:00:00.000Z"),
  modified: new Date("2026-11-20T12:30:00.000Z"),
};
const files = readPlaybookFiles();

describe("CACAO 2.0 export", () => {
  const { validate, loaded } = loadValidator();
  it("loads every sub-schema", () => expect(loaded).toBeGreaterThan(40));

  it.each(files.map((f) => [f.slug, f] as const))(
    "exports %s as a playbook that validates against the official schemas",
    (_slug, f) => {
      const out = exportCacao(f.definition!, meta);
      const ok = validate(out);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(ok).toBe(true);
      const types = new Set(Object.values(out.workflow).map((n) => n.type));
      expect([...types]).toEqual(
        expect.arrayContaining(["start", "end", "action", "if-condition"]),
      );
    },
  );

  it("the validator really rejects a broken playbook", () => {
    const out = exportCacao(files[0].definition!, meta) as Record<string, unknown>;
    expect(validate({ ...out, workflow_start: "nope" })).toBe(false);
    expect(validate({ ...out, spec_version: "cacao-1.0" })).toBe(false);
  });

  it.each(files.map((f) => [f.slug, f] as const))(
    "round-trips %s: export → import → export is stable",
    (_slug, f) => {
      const first = exportCacao(f.definition!, meta);
      const back = importCacao(JSON.parse(JSON.stringify(first)));
      expect(back.issues).toEqual([]);
      expect(back.definition).toEqual(f.definition);
      expect(exportCacao(back.definition!, meta)).toEqual(first);
    },
  );
});

describe("CACAO 2.0 import from another tool", () => {
  const id = cacaoId;
  const foreign = foreignPlaybook({
    n: 1,
    name: "Phishing response",
    description: "From another SOAR",
    workflow: {
      [id("start", 1)]: { type: "start", on_completion: id("action", 1) },
      [id("action", 1)]: cacaoAction(
        "Review the mail",
        { type: "manual", description: "Open the reported mail and check headers" },
        id("if-condition", 1),
      ),
      [id("if-condition", 1)]: {
        type: "if-condition",
        name: "Malicious?",
        condition: "verdict == 'malicious'",
        on_true: id("parallel", 1),
        on_false: id("end", 9),
        on_completion: id("end", 9),
      },
      [id("parallel", 1)]: {
        type: "parallel",
        name: "Contain",
        next_steps: [id("action", 2), id("playbook-action", 1)],
        on_completion: id("action", 3),
      },
      [id("action", 2)]: cacaoAction(
        "Block sender",
        { type: "bash", description: "block-sender.sh $SENDER" },
        id("end", 2),
      ),
      [id("playbook-action", 1)]: {
        type: "playbook-action",
        name: "Reset credentials",
        playbook_id: id("playbook", 2),
        on_completion: id("end", 3),
      },
      [id("end", 2)]: { type: "end" },
      [id("end", 3)]: { type: "end" },
      [id("action", 3)]: cacaoAction(
        "Tell the user",
        { type: "manual", description: "Email the reporter" },
        id("while-condition", 1),
      ),
      [id("while-condition", 1)]: {
        type: "while-condition",
        name: "Until quiet",
        condition: "x",
        on_true: id("end", 9),
        on_completion: id("end", 9),
      },
      [id("end", 9)]: { type: "end" },
    },
    agent_definitions: { [id("individual", 1)]: { type: "individual", name: "SOC Analyst" } },
  });

  it("the fixture itself is valid CACAO", () => {
    const { validate } = loadValidator();
    expect(validate(foreign), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it("maps start, action, if-condition, parallel, playbook-action and end; reports what it cannot map", () => {
    const r = importCacao(foreign);
    expect(r.issues).toEqual([]);
    const d = r.definition!;
    const byTitle = Object.fromEntries(d.steps.map((s) => [s.title, s]));
    expect(byTitle["Review the mail"]).toMatchObject({
      kind: "task",
      role: "soc-analyst",
      checklist: ["Open the reported mail and check headers"],
      needs: [],
    });
    expect(byTitle["Malicious?"]).toMatchObject({ kind: "decision", needs: ["review-the-mail"] });
    expect(byTitle["Block sender"]).toMatchObject({
      kind: "task",
      checklist: ["[bash] block-sender.sh $SENDER"],
    });
    expect(byTitle["Reset credentials"]).toMatchObject({ kind: "task" });
    expect((byTitle["Tell the user"] as { needs: string[] }).needs.sort()).toEqual([
      "block-sender",
      "reset-credentials",
    ]);
    expect(d.roles).toEqual([{ key: "soc-analyst", label: "SOC Analyst" }]);
    const dec = byTitle["Malicious?"] as { options: { key: string; next: string[] }[] };
    expect(dec.options.find((o) => o.key === "true")!.next.sort()).toEqual([
      "block-sender",
      "reset-credentials",
    ]);
    const msgs = r.report.map((x) => `${x.level} ${x.path}: ${x.message}`).join("\n");
    expect(msgs).toMatch(/warning .*commands\.0: bash commands cannot be executed here/);
    expect(msgs).toMatch(/warning .*playbook-action → task/);
    expect(msgs).toMatch(/unmapped .*while-condition--.*loops/);
    // And it runs: the first step is ready, the false branch skips the containment steps.
    const states = Object.fromEntries(d.steps.map((s) => [s.id, { status: "pending" as const }]));
    expect(nextTransitions(d, states)).toEqual({ "review-the-mail": "ready" });
  });

  // Issue 15 item 7: a step whose on_completion pointed back to itself lost its loop silently.
  it("reports a step that loops back to itself instead of dropping the loop silently", () => {
    const [s, a, e] = [cacaoId("start", 1), cacaoId("action", 2), cacaoId("end", 3)];
    const r = importCacao(
      foreignPlaybook({
        n: 7,
        name: "Poll until clean",
        description: "Re-runs the scan until it comes back clean",
        workflow: {
          [s]: { type: "start", on_completion: a },
          [a]: {
            type: "action",
            name: "Scan the host",
            on_completion: a,
            commands: [{ type: "manual", command: "scan" }],
          },
          [e]: { type: "end" },
        },
      }),
    );
    expect(r.issues).toEqual([]);
    expect(r.definition?.steps.map((st) => [st.id, st.needs])).toEqual([["scan-the-host", []]]);
    expect(r.report).toContainEqual({
      level: "unmapped",
      path: `workflow.${a}.on_completion`,
      message:
        '"Scan the host" loops back to itself; loops are not modelled, so the step runs once',
    });
  });

  it("refuses what is not a CACAO 2.0 playbook", () => {
    expect(importCacao({ type: "playbook", spec_version: "cacao-1.0" }).issues[0].path).toBe(
      "spec_version",
    );
    expect(importCacao("x").definition).toBeNull();
  });

  // Issue 10: the mapping walked unchecked casts, so these threw TypeErrors (a 500 from
  // POST /api/v1/playbooks/import) instead of coming back as issues (a 400).
  it.each([
    ["a workflow step that is null", { "action--1": null }],
    [
      "commands that is not a list",
      { "action--1": { type: "action", name: "x", commands: "look" } },
    ],
    ["a command that is null", { "action--1": { type: "action", name: "x", commands: [null] } }],
    [
      "a name that cannot become a string",
      { "action--1": { type: "action", name: { toString: 1 } } },
    ],
    ["next_steps that is a number", { "p--1": { type: "parallel", next_steps: 7 } }],
  ])("reports %s instead of throwing", (_name, workflow) => {
    const r = importCacao({
      type: "playbook",
      spec_version: "cacao-2.0",
      id: "playbook--1",
      name: "Broken",
      workflow,
    });
    expect(r.definition).toBeNull();
    expect(r.issues.length).toBeGreaterThan(0);
    expect(r.issues[0].path).toMatch(/^workflow\./);
  });
});
