// CACAO 2.0 JSON → Breakwater playbook definition. A playbook we exported carries our
// extension and comes back exactly; one from another tool is mapped natively:
//   start/end/parallel → structure (parallel branches join at the parallel's on_completion)
//   action             → task (manual commands: their text becomes the checklist); command
//                        types we cannot execute also become tasks that keep the original text
//   if-condition / switch-condition → decision; their branches are gated on the choice
//   playbook-action    → task naming the referenced playbook (nested runs are not supported)
// Anything else (while-condition, on_failure paths, variables, targets) is reported.
import { z } from "zod";
import { fieldErrorsOf } from "../errors/parse-input.ts";
import { AGENT_COMMAND_TYPE, extensionId } from "./cacao-export.ts";
import {
  checkSemantics,
  type PlaybookDefinition,
  playbookSchema,
  type StepDefinition,
  type ValidationIssue,
} from "./definition.ts";

export type ImportReport = {
  level: "info" | "warning" | "unmapped";
  path: string;
  message: string;
};
export type ImportResult = {
  definition: PlaybookDefinition | null;
  report: ImportReport[];
  issues: ValidationIssue[];
};

type Node = Record<string, unknown> & { type?: string; name?: string };

const slugify = (s: string, fallback: string) => {
  const v = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/^[^a-z]+/, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return v || fallback;
};

// The parts of a CACAO document the mapping reads, typed: a workflow step that is null, a
// `commands` that is not a list or a name that is an object would otherwise crash the walk
// below (a 500) instead of being reported (a 400). Everything else passes through untouched.
const text = z.string();
const cacaoNode = z.looseObject({
  type: text.optional(),
  name: text.optional(),
  description: text.optional(),
  condition: text.optional(),
  switch: text.optional(),
  agent: text.optional(),
  on_completion: text.optional(),
  on_success: text.optional(),
  on_true: text.optional(),
  on_false: text.optional(),
  next_steps: z.array(text).optional(),
  cases: z.record(text, text).optional(),
  timeout: z.number().optional(),
  playbook_id: text.optional(),
  playbook_version: z.union([text, z.number()]).optional(),
  commands: z
    .array(
      z.looseObject({
        type: text.optional(),
        command: text.optional(),
        command_b64: text.optional(),
        description: text.optional(),
      }),
    )
    .optional(),
  step_extensions: z.record(text, z.unknown()).optional(),
});
const cacaoShape = z.looseObject({
  type: z.literal("playbook", 'expected type "playbook"'),
  spec_version: z.literal("cacao-2.0", 'expected spec_version "cacao-2.0"'),
  name: text.optional(),
  description: text.optional(),
  workflow: z.record(text, cacaoNode).optional(),
  agent_definitions: z
    .record(text, z.looseObject({ name: text.optional(), type: text.optional() }))
    .optional(),
  playbook_extensions: z.record(text, z.record(text, z.unknown())).optional(),
});

export function importCacao(input: unknown): ImportResult {
  const report: ImportReport[] = [];
  if (!input || typeof input !== "object" || Array.isArray(input))
    return {
      definition: null,
      report,
      issues: [{ path: "(root)", message: "expected a CACAO playbook object" }],
    };
  const shaped = cacaoShape.safeParse(input);
  if (!shaped.success)
    return { definition: null, report, issues: fieldErrorsOf(shaped.error.issues) };
  const pb = shaped.data as Record<string, unknown>;
  const workflow = (pb.workflow ?? {}) as Record<string, Node>;
  const ext = extensionId();
  const pext = (pb.playbook_extensions as Record<string, unknown> | undefined)?.[ext] as
    | Record<string, unknown>
    | undefined;
  const steps = Object.values(workflow)
    .map(
      (n) =>
        (
          n.step_extensions as Record<string, { index: number; step: StepDefinition }> | undefined
        )?.[ext],
    )
    .filter(Boolean);
  const candidate =
    pext && steps.length
      ? {
          ...pext,
          team: pext.team ?? undefined,
          title: pb.name,
          description: pb.description,
          steps: steps.sort((a, b) => a!.index - b!.index).map((s) => s!.step),
        }
      : mapNative(pb, workflow, report);
  if (pext && steps.length)
    report.push({
      level: "info",
      path: "playbook_extensions",
      message:
        "Breakwater extension found: roles, SLAs, escalation and dependencies restored exactly",
    });
  const parsed = playbookSchema.safeParse(candidate);
  if (!parsed.success)
    return { definition: null, report, issues: fieldErrorsOf(parsed.error.issues) };
  const semantic = checkSemantics(parsed.data);
  return { definition: semantic.length ? null : parsed.data, report, issues: semantic };
}

function mapNative(
  pb: Record<string, unknown>,
  workflow: Record<string, Node>,
  report: ImportReport[],
) {
  const agents = (pb.agent_definitions ?? {}) as Record<string, { name?: string; type?: string }>;
  const ids = new Map<string, string>(); // CACAO id → our step id
  const used = new Set<string>();
  const real = (n: Node) =>
    ["action", "playbook-action", "if-condition", "switch-condition"].includes(String(n.type));
  for (const [cid, n] of Object.entries(workflow)) {
    if (!real(n)) continue;
    let id = slugify(String(n.name ?? ""), String(n.type).replace(/[^a-z]/g, ""));
    for (let i = 2; used.has(id); i++)
      id = `${slugify(String(n.name ?? ""), "step").slice(0, 55)}-${i}`;
    used.add(id);
    ids.set(cid, id);
  }
  // Successor edges between workflow nodes, with parallel branches joined at on_completion.
  const succ = new Map<string, Set<string>>();
  const edge = (a: string, b: unknown, via = "") => {
    if (typeof b !== "string" || !workflow[b]) return;
    // A step that leads back to itself is a loop ("repeat until done"); our steps run once, so
    // the loop is dropped, and the report says so rather than losing it silently.
    if (a === b && via) {
      report.push({
        level: "unmapped",
        path: `workflow.${a}.${via}`,
        message: `"${workflow[a].name ?? a}" loops back to itself; loops are not modelled, so the step runs once`,
      });
      return;
    }
    (succ.get(a) ?? succ.set(a, new Set()).get(a)!).add(b);
  };
  for (const [cid, n] of Object.entries(workflow)) {
    // A parallel step's on_completion is reached through its branches' end steps (below),
    // so the step after it waits for every branch, not for whatever preceded the parallel.
    if (n.type !== "parallel") {
      edge(cid, n.on_completion, "on_completion");
      edge(cid, n.on_success, "on_success");
    }
    if (n.on_failure)
      report.push({
        level: "unmapped",
        path: `workflow.${cid}.on_failure`,
        message: "failure paths are not modelled; the step's failure branch was not imported",
      });
    if (n.type === "parallel") for (const b of (n.next_steps as string[]) ?? []) edge(cid, b);
    if (n.type === "if-condition") {
      edge(cid, n.on_true, "on_true");
      edge(cid, n.on_false, "on_false");
    }
    if (n.type === "switch-condition")
      for (const [k, b] of Object.entries((n.cases as Record<string, string>) ?? {}))
        edge(cid, b, `cases.${k}`);
  }
  for (const [cid, n] of Object.entries(workflow)) {
    if (n.type !== "parallel" || typeof n.on_completion !== "string") continue;
    for (const b of (n.next_steps as string[]) ?? [])
      for (const end of reachEnds(b, succ, workflow, n.on_completion)) edge(end, n.on_completion);
    void cid;
  }
  // A real step's needs: the nearest real ancestors through structural nodes.
  const preds = new Map<string, Set<string>>();
  for (const [a, bs] of succ)
    for (const b of bs) (preds.get(b) ?? preds.set(b, new Set()).get(b)!).add(a);
  const realAncestors = (cid: string, seen = new Set<string>()): string[] => {
    const out: string[] = [];
    for (const p of preds.get(cid) ?? []) {
      if (seen.has(p)) continue;
      seen.add(p);
      if (ids.has(p)) out.push(ids.get(p)!);
      else out.push(...realAncestors(p, seen));
    }
    return [...new Set(out)];
  };
  const firstReal = (cid: unknown, seen = new Set<string>()): string[] => {
    if (typeof cid !== "string" || !workflow[cid] || seen.has(cid)) return [];
    seen.add(cid);
    if (ids.has(cid)) return [ids.get(cid)!];
    return [...(succ.get(cid) ?? [])].flatMap((x) => firstReal(x, seen));
  };
  const roles = new Map<string, string>();
  const steps: Record<string, unknown>[] = [];
  for (const [cid, n] of Object.entries(workflow)) {
    const path = `workflow.${cid}`;
    if (n.type === "while-condition")
      report.push({
        level: "unmapped",
        path,
        message: `while-condition "${n.name ?? cid}" (loops) cannot be mapped; its body runs once if reachable otherwise`,
      });
    if (!ids.has(cid)) continue;
    const id = ids.get(cid)!;
    const title = String(n.name ?? id).slice(0, 200);
    const needs = realAncestors(cid).filter((x) => x !== id);
    const base: Record<string, unknown> = {
      id,
      title,
      needs,
      ...(n.description ? { description: String(n.description).slice(0, 4000) } : {}),
    };
    if (typeof n.timeout === "number" && n.timeout > 0)
      base.slaMinutes = Math.max(1, Math.round(n.timeout / 60_000));
    if (n.type === "if-condition" || n.type === "switch-condition") {
      const branches: [string, string, unknown][] =
        n.type === "if-condition"
          ? [
              ["true", "True", n.on_true],
              ["false", "False", n.on_false],
            ]
          : Object.entries((n.cases as Record<string, string>) ?? {}).map(([k, v]) => [
              slugify(k, "case"),
              k,
              v,
            ]);
      const options = branches.map(([key, label, target]) => ({
        key,
        label,
        next: firstReal(target).filter((x) => x !== id),
      }));
      if (options.length < 2) options.push({ key: "otherwise", label: "Otherwise", next: [] });
      steps.push({
        ...base,
        kind: "decision",
        question: String(n.condition ?? n.switch ?? title),
        options,
      });
      continue;
    }
    const agent = typeof n.agent === "string" ? agents[n.agent] : undefined;
    if (agent?.name) {
      const key = slugify(agent.name, "agent");
      const builtin = ["commander", "investigator", "communications", "scribe"].includes(key);
      if (!builtin) roles.set(key, agent.name);
      base.role = key;
    }
    if (n.type === "playbook-action") {
      report.push({
        level: "warning",
        path,
        message: `playbook-action → task: run playbook ${String(n.playbook_id)} by hand (nested playbooks are not executed)`,
      });
      steps.push({
        ...base,
        kind: "task",
        checklist: [
          `Run playbook ${String(n.playbook_id)}${n.playbook_version ? ` (version ${String(n.playbook_version)})` : ""}`,
        ],
      });
      continue;
    }
    const checklist: string[] = [];
    for (const [i, c] of ((n.commands as Record<string, unknown>[]) ?? []).entries()) {
      const text = String(
        c.command ??
          (c.command_b64
            ? Buffer.from(String(c.command_b64), "base64").toString("utf8")
            : (c.description ?? "")),
      ).trim();
      if (c.type === "manual") checklist.push(text || "Do this step by hand");
      else {
        checklist.push(`[${String(c.type)}] ${text}`);
        report.push({
          level: "warning",
          path: `${path}.commands.${i}`,
          message: `${String(c.type)} commands cannot be executed here; kept as a task with the original command text`,
        });
      }
      if (c.type === AGENT_COMMAND_TYPE)
        report.push({
          level: "info",
          path: `${path}.commands.${i}`,
          message: "Breakwater agent command without its extension: imported as a task",
        });
    }
    if (n.targets)
      report.push({
        level: "unmapped",
        path: `${path}.targets`,
        message: "targets are not imported; the incident's hosts are the targets",
      });
    if (n.step_variables || n.in_args || n.out_args)
      report.push({ level: "unmapped", path, message: "variables and arguments are not imported" });
    steps.push({ ...base, kind: "task", checklist });
  }
  if (pb.playbook_variables)
    report.push({
      level: "unmapped",
      path: "playbook_variables",
      message: "playbook variables are not imported",
    });
  report.push({
    level: "info",
    path: "triggers",
    message:
      "CACAO has no trigger model: the imported playbook only starts by hand until you add triggers",
  });
  return {
    slug: slugify(String(pb.name ?? ""), "imported-playbook"),
    version: 1,
    title: String(pb.name ?? "Imported playbook").slice(0, 200),
    ...(pb.description ? { description: String(pb.description).slice(0, 4000) } : {}),
    triggers: [],
    roles: [...roles].map(([key, label]) => ({ key, label })),
    steps,
  };
}

function reachEnds(
  from: string,
  succ: Map<string, Set<string>>,
  workflow: Record<string, Node>,
  stop: string,
  seen = new Set<string>(),
): string[] {
  if (seen.has(from) || from === stop) return [];
  seen.add(from);
  if (workflow[from]?.type === "end") return [from];
  return [...(succ.get(from) ?? [])].flatMap((x) => reachEnds(x, succ, workflow, stop, seen));
}
