// The edits the playbook form makes that touch more than one field: adding, removing, moving
// and renaming steps (references follow, so the graph stays what the manager sees) and changing
// a step's kind (the fields of the old kind go, the new kind's required ones appear). Pure.

import { COMMAND_TYPES } from "../protocol/commands.ts";
import type { STEP_KINDS } from "./definition.ts";
import type { PlaybookDraft, StepDraft } from "./playbook-form-yaml.ts";

export type StepKind = (typeof STEP_KINDS)[number];
type Issue = { path: string; message: string };

const BASE_FIELDS = ["id", "title", "description", "needs", "role", "slaMinutes", "escalation"];

function kindDefaults(kind: StepKind): Record<string, unknown> {
  switch (kind) {
    case "task":
      return { checklist: [] };
    case "command":
      return { command: { type: COMMAND_TYPES[0], params: {} } };
    case "approval":
      return { request: "" };
    case "decision":
      return {
        question: "",
        options: [
          { key: "yes", label: "Yes", next: [] },
          { key: "no", label: "No", next: [] },
        ],
      };
    case "notify":
      return { notify: { role: "commander" }, message: "" };
    case "wait":
      return { minutes: 30 };
  }
}

export function changeStepKind(step: StepDraft, kind: StepKind): StepDraft {
  if (step.kind === kind) return step;
  const kept = Object.fromEntries(
    Object.entries(step).filter(([k]) => BASE_FIELDS.includes(k)),
  ) as Record<string, unknown>;
  // Keep the field order of the file: id, kind, then the rest.
  const { id, ...rest } = kept;
  return { id, kind, ...rest, ...kindDefaults(kind) } as StepDraft;
}

/** Sets a field, or leaves it out when it is cleared, as someone writing the YAML would. */
export function put<T extends object>(o: T, key: string, v: unknown): T {
  const { [key]: _old, ...rest } = o as Record<string, unknown>;
  return (v === undefined ? rest : { ...o, [key]: v }) as T;
}

const withSteps = (p: PlaybookDraft, steps: StepDraft[]): PlaybookDraft => ({ ...p, steps });

export function addStep(p: PlaybookDraft): PlaybookDraft {
  const ids = new Set(p.steps.map((s) => s.id));
  let n = p.steps.length + 1;
  while (ids.has(`step-${n}`)) n++;
  return withSteps(p, [...p.steps, { id: `step-${n}`, kind: "task", title: "New step" }]);
}

export function moveStep(p: PlaybookDraft, index: number, by: -1 | 1): PlaybookDraft {
  const to = index + by;
  if (to < 0 || to >= p.steps.length) return p;
  const steps = [...p.steps];
  [steps[index], steps[to]] = [steps[to], steps[index]];
  return withSteps(p, steps);
}

// Rewrites every reference to a step id (needs, decision branches) with `map`; a list that
// would become empty disappears, as the file would be written by hand.
function mapRefs(steps: StepDraft[], map: (id: string) => string | null): StepDraft[] {
  const list = (ids: string[]) => ids.map(map).filter((x): x is string => x !== null);
  return steps.map((s) => {
    let out: StepDraft = s;
    if (s.needs) {
      const needs = list(s.needs);
      const { needs: _gone, ...rest } = out;
      out = (needs.length ? { ...out, needs } : rest) as StepDraft;
    }
    if (out.kind === "decision")
      out = {
        ...out,
        options: out.options.map((o) => (o.next ? { ...o, next: list(o.next) } : o)),
      };
    return out;
  });
}

/** Removes a step and every reference to it, so no step is left needing what is gone. */
export function removeStep(p: PlaybookDraft, index: number): PlaybookDraft {
  const gone = p.steps[index]?.id;
  const steps = p.steps.filter((_, i) => i !== index);
  return withSteps(
    p,
    mapRefs(steps, (id) => (id === gone ? null : id)),
  );
}

/** Renames a step; references follow unless the new id already belongs to another step
 *  (then they stay, and validation names the dangling reference). */
export function renameStep(p: PlaybookDraft, index: number, id: string): PlaybookDraft {
  const old = p.steps[index]?.id;
  const taken = p.steps.some((s, i) => i !== index && s.id === id);
  const steps = p.steps.map((s, i) => (i === index ? { ...s, id } : s));
  if (taken || !old || old === id) return withSteps(p, steps);
  return withSteps(
    p,
    mapRefs(steps, (ref) => (ref === old ? id : ref)),
  );
}

/** The steps a step's `needs` may name: every other step. */
export const needsChoices = (p: PlaybookDraft, index: number) =>
  p.steps.map((s) => s.id).filter((_, i) => i !== index);

/**
 * Validation issues for one field of the form: those at the path and under it. The dependency
 * cycle is reported on `steps` as "dependency cycle: a → b → a"; it concerns the `needs` of
 * each step in the loop, so it is shown there.
 */
export function issuesAt(issues: Issue[], path: string, steps?: StepDraft[]): string[] {
  const out = issues
    .filter((i) => i.path === path || i.path.startsWith(`${path}.`))
    .map((i) => i.message);
  const m = /^steps\.(\d+)\.needs$/.exec(path);
  if (m && steps) {
    const id = steps[Number(m[1])]?.id;
    for (const i of issues) {
      const cycle = i.path === "steps" && /^dependency cycle: (.*)$/.exec(i.message);
      if (cycle && id && cycle[1].split(" → ").includes(id)) out.push(i.message);
    }
  }
  return out;
}
