// Breakwater playbook → CACAO 2.0 JSON (OASIS). The workflow is expressed natively (start,
// action, if-/switch-condition, parallel, end) so other tools can read it; what CACAO has no
// field for (roles' escalation chains, exact dependencies, checklists, agent commands) rides
// in a declared extension so that export → import → export is lossless and stable.
import crypto from "node:crypto";
import { dependencies, type PlaybookDefinition, type StepDefinition } from "./definition.ts";

export const BREAKWATER_EXTENSION_NAME = "breakwater-playbook";
export const AGENT_COMMAND_TYPE = "x-breakwater-agent-command";

/** Deterministic name-based UUID (v5 layout over SHA-256) so ids are stable across exports. */
export function stableUuid(name: string): string {
  const h = crypto.createHash("sha256").update(`breakwater:${name}`).digest("hex").split("");
  h[12] = "5";
  h[16] = "8";
  const s = h.slice(0, 32).join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export const extensionId = () => `extension-definition--${stableUuid(BREAKWATER_EXTENSION_NAME)}`;
const identity = () => `identity--${stableUuid("identity")}`;
const roleAgent = (role: string) => `group--${stableUuid(`role:${role}`)}`;

const cacaoTimestamp = (d: Date) => d.toISOString(); // always millisecond precision, Z

function stepType(s: StepDefinition) {
  if (s.kind === "decision") return s.options.length === 2 ? "if-condition" : "switch-condition";
  return "action";
}

/** Topological waves: a wave runs after every earlier wave (parallel within a wave). */
export function waves(p: PlaybookDefinition): string[][] {
  const deps = dependencies(p);
  const depth = new Map<string, number>();
  const d = (id: string): number => {
    if (depth.has(id)) return depth.get(id)!;
    const v = Math.max(-1, ...(deps.get(id) ?? []).map(d)) + 1;
    depth.set(id, v);
    return v;
  };
  p.steps.forEach((s) => d(s.id));
  const out: string[][] = [];
  for (const s of p.steps) (out[depth.get(s.id)!] ??= []).push(s.id);
  return out.filter(Boolean);
}

// The official schema validates each command only against command-data.json (type,
// description, version, playbook_activity, external_references): a "command" property is
// refused, so the human-readable instruction travels in "description".
function commandsOf(s: StepDefinition) {
  switch (s.kind) {
    case "task":
      return [
        { type: "manual", description: [s.title, ...s.checklist.map((c) => `- ${c}`)].join("\n") },
      ];
    case "command":
      return [
        {
          type: AGENT_COMMAND_TYPE,
          description: `${s.command.type} ${JSON.stringify(s.command.params)}`,
        },
      ];
    case "approval":
      return [{ type: "manual", description: `Approval by a second person: ${s.request}` }];
    case "notify":
      return [
        {
          type: "manual",
          description: `Notify ${s.notify.role ?? s.notify.user ?? "managers"}: ${s.message}`,
        },
      ];
    case "wait":
      return [{ type: "manual", description: `Wait ${s.minutes} minutes` }];
    default:
      return [];
  }
}

export function exportCacao(p: PlaybookDefinition, meta: { created: Date; modified: Date }) {
  const ext = extensionId();
  const ref = (s: StepDefinition) => `${stepType(s)}--${stableUuid(`${p.slug}:step:${s.id}`)}`;
  const byId = new Map(p.steps.map((s) => [s.id, s]));
  const ws = waves(p);
  const workflow: Record<string, Record<string, unknown>> = {};
  const startId = `start--${stableUuid(`${p.slug}:start`)}`;
  const endId = `end--${stableUuid(`${p.slug}:end`)}`;
  const waveNode = (i: number): string => {
    if (i >= ws.length) return endId;
    return ws[i].length === 1
      ? ref(byId.get(ws[i][0])!)
      : `parallel--${stableUuid(`${p.slug}:wave:${i}`)}`;
  };
  workflow[startId] = { type: "start", name: "Start", on_completion: waveNode(0) };
  ws.forEach((wave, i) => {
    const after = waveNode(i + 1);
    if (wave.length > 1)
      workflow[waveNode(i)] = {
        type: "parallel",
        name: `Parallel: ${wave.join(", ")}`,
        next_steps: wave.map((id) => ref(byId.get(id)!)),
        on_completion: after,
      };
    wave.forEach((id, j) => {
      const s = byId.get(id)!;
      const index = p.steps.indexOf(s);
      // Inside a parallel wave each branch ends at its own end step, as CACAO requires.
      let next = after;
      if (wave.length > 1) {
        next = `end--${stableUuid(`${p.slug}:branch-end:${id}`)}`;
        workflow[next] = { type: "end", name: `End of branch ${id}` };
      }
      const node: Record<string, unknown> = { type: stepType(s), name: s.title };
      if (s.description) node.description = s.description;
      if (s.slaMinutes) node.timeout = Math.round(s.slaMinutes * 60_000);
      if (s.kind === "wait") node.delay = Math.round(s.minutes * 60_000);
      node.step_extensions = { [ext]: { index, step: s } };
      if (s.kind === "decision") {
        const target = (o: (typeof s.options)[number]) =>
          o.next[0] ? ref(byId.get(o.next[0])!) : after;
        if (s.options.length === 2) {
          node.condition = s.question;
          node.on_true = target(s.options[0]);
          node.on_false = target(s.options[1]);
        } else {
          node.switch = s.question;
          node.cases = Object.fromEntries(s.options.map((o) => [o.key, target(o)]));
        }
      } else {
        node.commands = commandsOf(s);
        node.agent = roleAgent(s.role ?? "commander");
      }
      node.on_completion = next;
      workflow[ref(s)] = node;
      void j;
    });
  });
  workflow[endId] = { type: "end", name: "End" };

  const roles = new Set<string>([
    "commander",
    ...p.steps.map((s) => s.role).filter((r): r is string => !!r),
  ]);
  const label = (r: string) => p.roles.find((x) => x.key === r)?.label ?? r;
  return {
    type: "playbook",
    spec_version: "cacao-2.0",
    id: `playbook--${stableUuid(`playbook:${p.slug}`)}`,
    name: p.title,
    ...(p.description ? { description: p.description } : {}),
    playbook_types: ["investigation", "mitigation", "remediation"],
    created_by: identity(),
    created: cacaoTimestamp(meta.created),
    modified: cacaoTimestamp(meta.modified),
    labels: [`breakwater:${p.slug}`, `version:${p.version}`],
    workflow_start: startId,
    workflow,
    agent_definitions: Object.fromEntries(
      [...roles].sort().map((r) => [roleAgent(r), { type: "group", name: label(r) }]),
    ),
    extension_definitions: {
      [ext]: {
        type: "extension-definition",
        name: BREAKWATER_EXTENSION_NAME,
        created_by: identity(),
        schema: "https://breakwater.invalid/schemas/cacao-extension-v1.json",
        version: "1.0.0",
      },
    },
    playbook_extensions: {
      [ext]: {
        slug: p.slug,
        version: p.version,
        team: p.team ?? null,
        triggers: p.triggers,
        roles: p.roles,
      },
    },
  };
}
