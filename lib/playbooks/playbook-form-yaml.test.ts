import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { parsePlaybookYaml } from "./definition.ts";
import { readPlaybookFiles } from "./files.ts";
import {
  addStep,
  changeStepKind,
  issuesAt,
  moveStep,
  removeStep,
  renameStep,
} from "./playbook-form-edits.ts";
import {
  countComments,
  type PlaybookDraft,
  readPlaybookForm,
  writePlaybookForm,
} from "./playbook-form-yaml.ts";

const shipped = readPlaybookFiles();
const formOf = (text: string) => {
  const r = readPlaybookForm(text);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const definitionOf = (text: string) => {
  const r = parsePlaybookYaml(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.definition;
};

describe("definition ↔ form round trip", () => {
  it("finds the shipped playbooks", () => {
    expect(shipped.length).toBeGreaterThanOrEqual(3);
  });

  it.each(shipped.map((f) => [f.file, f.content]))(
    "%s: form → freshly written YAML → an equal definition",
    (_file, content) => {
      // Writing into a one-key document makes the writer create every other node itself.
      const written = writePlaybookForm("slug: placeholder\n", formOf(content));
      expect(written).not.toBe(content);
      expect(definitionOf(written)).toEqual(definitionOf(content));
    },
  );

  it.each(shipped.map((f) => [f.file, f.content]))(
    "%s: an unedited form leaves the text exactly as it was",
    (_file, content) => {
      expect(writePlaybookForm(content, formOf(content))).toBe(content);
    },
  );

  it.each(shipped.map((f) => [f.file, f.content]))(
    "%s: every step moved to the end and back gives the same definition",
    (_file, content) => {
      let text = content;
      const n = formOf(content).steps.length;
      for (let i = 0; i < n; i++) {
        const p = formOf(text);
        text = writePlaybookForm(text, { ...p, steps: [...p.steps.slice(1), p.steps[0]] });
      }
      expect(definitionOf(text)).toEqual(definitionOf(content));
    },
  );
});

const COMMENTED = `# Owned by the platform team
slug: demo
version: 1
title: Demo
roles:
  - key: lead # the person who runs it
    label: Lead
steps:
  # first look
  - id: look
    kind: task
    title: Look
    slaMinutes: 10
    escalation:
      levels:
        - afterMinutes: 10
          notify: { role: commander }
  - id: act
    kind: command
    title: Act
    needs: [look] # only after looking
    command: { type: kill_process, params: {} }
`;

describe("writing form edits into the YAML", () => {
  it("changes only the edited values and keeps comments and inline style elsewhere", () => {
    const p = formOf(COMMENTED);
    const [look, act] = p.steps;
    const esc = look.escalation!;
    const edited: PlaybookDraft = {
      ...p,
      steps: [
        {
          ...look,
          slaMinutes: 5,
          escalation: {
            ...esc,
            levels: [...esc.levels, { afterMinutes: 30, notify: { managers: true } }],
          },
        },
        act,
      ],
    };
    const text = writePlaybookForm(COMMENTED, edited);
    expect(text).toContain("# Owned by the platform team");
    expect(text).toContain("# the person who runs it");
    expect(text).toContain("# first look");
    expect(text).toContain("needs: [ look ] # only after looking");
    expect(text).toContain("slaMinutes: 5\n");
    expect(text).toContain("notify: { managers: true }");
    expect(countComments(parseDocument(text))).toBe(countComments(parseDocument(COMMENTED)));
    const d = definitionOf(text);
    expect(d.steps[0].slaMinutes).toBe(5);
    expect(d.steps[0].escalation?.levels.map((l) => l.afterMinutes)).toEqual([10, 30]);
    expect(d.steps[1]).toEqual(definitionOf(COMMENTED).steps[1]);
  });

  it("removes a cleared optional field instead of writing an empty one", () => {
    const p = formOf(COMMENTED);
    const { slaMinutes: _sla, ...look } = p.steps[0];
    const text = writePlaybookForm(COMMENTED, { ...p, steps: [look, p.steps[1]] });
    expect(text).not.toContain("slaMinutes");
    expect(definitionOf(text).steps[0].slaMinutes).toBeUndefined();
  });

  it("refuses to show YAML that does not parse or is not shaped like a playbook", () => {
    expect(readPlaybookForm("steps: [a")).toMatchObject({ ok: false });
    expect(readPlaybookForm("- a\n- b\n")).toEqual({
      ok: false,
      reason: "the document is not a mapping",
    });
    expect(readPlaybookForm("slug: x\nsteps:\n  - just a string\n")).toEqual({
      ok: false,
      reason: "steps.0 is not a mapping",
    });
    expect(readPlaybookForm("slug: x\nsteps:\n  - id: a\n    needs: b\n")).toEqual({
      ok: false,
      reason: "steps.0.needs is not a list of values",
    });
  });
});

describe("step edits", () => {
  const p = formOf(COMMENTED);

  it("adds a task step with a fresh id", () => {
    const next = addStep(p);
    expect(next.steps.at(-1)).toEqual({ id: "step-3", kind: "task", title: "New step" });
    expect(addStep(next).steps.at(-1)?.id).toBe("step-4");
  });

  it("moves a step and keeps it within the list", () => {
    expect(moveStep(p, 1, -1).steps.map((s) => s.id)).toEqual(["act", "look"]);
    expect(moveStep(p, 0, -1)).toBe(p);
    expect(moveStep(p, 1, 1)).toBe(p);
  });

  it("removing a step removes the references to it", () => {
    const next = removeStep(p, 0);
    expect(next.steps).toHaveLength(1);
    expect(next.steps[0]).not.toHaveProperty("needs");
    expect(definitionOf(writePlaybookForm(COMMENTED, next)).steps[0].needs).toEqual([]);
  });

  it("renaming a step renames its references, unless the id is taken", () => {
    expect(renameStep(p, 0, "inspect").steps[1].needs).toEqual(["inspect"]);
    expect(renameStep(p, 0, "act").steps[1].needs).toEqual(["look"]);
  });

  it("changing the kind drops the old kind's fields and adds the new kind's", () => {
    const act = p.steps[1];
    const approval = changeStepKind(act, "approval");
    expect(approval).toEqual({
      id: "act",
      kind: "approval",
      title: "Act",
      needs: ["look"],
      request: "",
    });
    expect(Object.keys(changeStepKind(approval, "wait"))).toEqual([
      "id",
      "kind",
      "title",
      "needs",
      "minutes",
    ]);
    // The new kind's text fields start empty so validation asks for them.
    const r = parsePlaybookYaml(
      writePlaybookForm(COMMENTED, { ...p, steps: [p.steps[0], approval] }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(["steps.1.request"]);
  });

  it("shows a dependency cycle on the needs of each step in it, and nowhere else", () => {
    const cyclic = writePlaybookForm(COMMENTED, {
      ...p,
      steps: [
        { ...p.steps[0], needs: ["act"] },
        p.steps[1],
        { id: "other", kind: "task", title: "O" },
      ],
    });
    const r = parsePlaybookYaml(cyclic);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const steps = formOf(cyclic).steps;
    expect(issuesAt(r.issues, "steps.0.needs", steps)).toEqual([
      expect.stringMatching(/^dependency cycle: /),
    ]);
    expect(issuesAt(r.issues, "steps.1.needs", steps)).toHaveLength(1);
    expect(issuesAt(r.issues, "steps.2.needs", steps)).toEqual([]);
    expect(
      issuesAt([{ path: "steps.1.needs.0", message: 'unknown step "x"' }], "steps.1.needs"),
    ).toEqual(['unknown step "x"']);
  });
});
