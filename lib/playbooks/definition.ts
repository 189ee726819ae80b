// The playbook file format (playbooks/<slug>/v<N>.yaml) as a zod schema, plus the checks
// zod cannot express (unique ids, known references, an acyclic graph). Pure: no database,
// so the CLI checker, the editor's live validation and the loader all share it.

import { z } from "zod";
import { COMMAND_TYPES } from "../protocol/commands.ts";
import { EVENT_TYPES, SEVERITIES } from "../protocol/events.ts";
import { safeJson, safeText } from "../protocol/safe-schemas.ts";
import { parseYamlFile, type ValidationIssue } from "./parse-yaml-file.ts";

export const BUILTIN_ROLES = ["commander", "investigator", "communications", "scribe"] as const;
export const STEP_KINDS = ["task", "command", "approval", "decision", "notify", "wait"] as const;

const key = safeText().regex(
  /^[a-z][a-z0-9-]{0,62}$/,
  "use lowercase letters, digits and dashes, starting with a letter",
);

// Who an escalation level or a notify step reaches: the holder of an incident role, a
// named user (by email), or every manager.
export const targetSchema = z
  .object({
    role: key.optional(),
    user: safeText().email().optional(),
    managers: z.literal(true).optional(),
  })
  .strict()
  .refine(
    (t) => [t.role, t.user, t.managers].filter(Boolean).length === 1,
    "name exactly one of role, user or managers",
  );

const escalationSchema = z
  .object({
    levels: z
      .array(z.object({ afterMinutes: z.number().positive(), notify: targetSchema }).strict())
      .min(1),
    // After the last level, notify it again every N minutes until the step is done.
    repeatEveryMinutes: z.number().positive().optional(),
  })
  .strict()
  .refine(
    (e) => e.levels.every((l, i) => i === 0 || l.afterMinutes > e.levels[i - 1].afterMinutes),
    "levels must have increasing afterMinutes",
  );

const base = {
  id: key,
  title: safeText().min(1).max(200),
  description: safeText().max(4000).optional(),
  needs: z.array(key).default([]),
  role: key.optional(),
  slaMinutes: z.number().positive().optional(),
  escalation: escalationSchema.optional(),
};

export const stepSchema = z.discriminatedUnion("kind", [
  z
    .object({ ...base, kind: z.literal("task"), checklist: z.array(safeText().min(1)).default([]) })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal("command"),
      command: z.object({ type: z.enum(COMMAND_TYPES), params: safeJson().default({}) }).strict(),
    })
    .strict(),
  z.object({ ...base, kind: z.literal("approval"), request: safeText().min(1).max(2000) }).strict(),
  z
    .object({
      ...base,
      kind: z.literal("decision"),
      question: safeText().min(1),
      // Steps listed under an option run only when that option is chosen; the others are skipped.
      options: z
        .array(z.object({ key, label: safeText().min(1), next: z.array(key).default([]) }).strict())
        .min(2),
    })
    .strict(),
  z
    .object({
      ...base,
      kind: z.literal("notify"),
      notify: targetSchema,
      message: safeText().min(1).max(2000),
    })
    .strict(),
  z.object({ ...base, kind: z.literal("wait"), minutes: z.number().positive() }).strict(),
]);

export const playbookSchema = z
  .object({
    slug: key,
    version: z.number().int().positive(),
    title: safeText().min(1).max(200),
    description: safeText().max(4000).optional(),
    team: key.optional(),
    triggers: z
      .array(
        z
          .object({
            eventTypes: z.array(z.enum(EVENT_TYPES)).min(1),
            minSeverity: z.enum(SEVERITIES).default("low"),
            // Glob on the plugin name ("*" = any, "acme-*" = prefix); omitted = any.
            plugin: safeText().min(1).optional(),
          })
          .strict(),
      )
      .default([]),
    roles: z
      .array(
        z.object({ key, label: safeText().min(1), instructions: safeText().optional() }).strict(),
      )
      .default([]),
    steps: z.array(stepSchema).min(1),
  })
  .strict();

export type PlaybookDefinition = z.infer<typeof playbookSchema>;
export type StepDefinition = z.infer<typeof stepSchema>;
export type Target = z.infer<typeof targetSchema>;
export type { ValidationIssue };

/** Graph and reference checks on a structurally valid playbook. */
export function checkSemantics(p: PlaybookDefinition): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const ids = new Map<string, number>();
  p.steps.forEach((s, i) => {
    if (ids.has(s.id))
      issues.push({ path: `steps.${i}.id`, message: `duplicate step id "${s.id}"` });
    ids.set(s.id, i);
  });
  const roles = new Set<string>([...BUILTIN_ROLES, ...p.roles.map((r) => r.key)]);
  p.roles.forEach((r, i) => {
    if ((BUILTIN_ROLES as readonly string[]).includes(r.key))
      issues.push({
        path: `roles.${i}.key`,
        message: `"${r.key}" is a built-in role; do not redeclare it`,
      });
  });
  const checkTarget = (t: Target | undefined, path: string) => {
    if (t?.role && !roles.has(t.role))
      issues.push({ path: `${path}.role`, message: `unknown role "${t.role}"` });
  };
  const gatedBy = new Map<string, string>();
  p.steps.forEach((s, i) => {
    s.needs.forEach((n, j) => {
      if (!ids.has(n))
        issues.push({ path: `steps.${i}.needs.${j}`, message: `unknown step "${n}"` });
      if (n === s.id)
        issues.push({ path: `steps.${i}.needs.${j}`, message: "a step cannot need itself" });
    });
    if (s.role && !roles.has(s.role))
      issues.push({ path: `steps.${i}.role`, message: `unknown role "${s.role}"` });
    s.escalation?.levels.forEach((l, j) =>
      checkTarget(l.notify, `steps.${i}.escalation.levels.${j}.notify`),
    );
    if (s.kind === "notify") checkTarget(s.notify, `steps.${i}.notify`);
    if (s.kind === "decision") {
      s.options.forEach((o, j) =>
        o.next.forEach((n, k) => {
          const path = `steps.${i}.options.${j}.next.${k}`;
          if (!ids.has(n)) issues.push({ path, message: `unknown step "${n}"` });
          else if (gatedBy.has(n) && gatedBy.get(n) !== s.id)
            issues.push({
              path,
              message: `step "${n}" is already gated by decision "${gatedBy.get(n)}"`,
            });
          else gatedBy.set(n, s.id);
        }),
      );
    }
  });
  if (issues.length === 0) {
    const cycle = findCycle(p);
    if (cycle) issues.push({ path: "steps", message: `dependency cycle: ${cycle.join(" → ")}` });
  }
  return issues;
}

/** Effective dependencies: declared needs plus the decision that gates a step. */
export function dependencies(p: PlaybookDefinition): Map<string, string[]> {
  const deps = new Map(p.steps.map((s) => [s.id, [...s.needs]]));
  for (const s of p.steps) {
    if (s.kind !== "decision") continue;
    for (const o of s.options)
      for (const n of o.next) if (!deps.get(n)?.includes(s.id)) deps.get(n)?.push(s.id);
  }
  return deps;
}

function findCycle(p: PlaybookDefinition): string[] | null {
  const deps = dependencies(p);
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === "done") return null;
    if (state.get(id) === "visiting") return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, "visiting");
    stack.push(id);
    for (const d of deps.get(id) ?? []) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(id, "done");
    return null;
  };
  for (const s of p.steps) {
    const c = visit(s.id);
    if (c) return c;
  }
  return null;
}

export type ParseResult =
  | { ok: true; definition: PlaybookDefinition }
  | { ok: false; issues: ValidationIssue[] };

/** YAML text → validated definition, with every problem located by path (and line when known). */
export function parsePlaybookYaml(text: string): ParseResult {
  const parsed = parseYamlFile(text, playbookSchema);
  if (!parsed.ok) return parsed;
  const semantic = checkSemantics(parsed.value);
  if (semantic.length)
    return { ok: false, issues: semantic.map((i) => ({ ...i, line: parsed.lineOfPath(i.path) })) };
  return { ok: true, definition: parsed.value };
}

const RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<
  (typeof SEVERITIES)[number],
  number
>;

/** Does this playbook's trigger fire for an incident opened by this event? */
export function matchesTrigger(
  p: PlaybookDefinition,
  e: { type: string; severity: string; pluginName?: string | null },
): boolean {
  return p.triggers.some((t) => {
    if (!(t.eventTypes as readonly string[]).includes(e.type)) return false;
    if ((RANK[e.severity as keyof typeof RANK] ?? -1) < RANK[t.minSeverity]) return false;
    if (!t.plugin || t.plugin === "*") return true;
    const re = new RegExp(
      "^" + t.plugin.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*") + "$",
    );
    return re.test(e.pluginName ?? "");
  });
}
