// What changed between two versions, in the playbook's own terms (steps, roles, triggers,
// SLAs, escalation) rather than a line diff of YAML.
import type { PlaybookDefinition } from "./definition.ts";

export type DiffEntry = {
  kind: "added" | "removed" | "changed";
  path: string;
  before?: unknown;
  after?: unknown;
};

const stable = (v: unknown) =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort())
      : x,
  );

export function semanticDiff(a: PlaybookDefinition, b: PlaybookDefinition): DiffEntry[] {
  const out: DiffEntry[] = [];
  for (const k of ["title", "description", "team"] as const)
    if (stable(a[k]) !== stable(b[k]))
      out.push({ kind: "changed", path: k, before: a[k], after: b[k] });
  if (stable(a.triggers) !== stable(b.triggers))
    out.push({ kind: "changed", path: "triggers", before: a.triggers, after: b.triggers });
  keyed(
    out,
    "roles",
    a.roles.map((r) => [r.key, r]),
    b.roles.map((r) => [r.key, r]),
  );
  keyed(
    out,
    "steps",
    a.steps.map((s) => [s.id, s]),
    b.steps.map((s) => [s.id, s]),
  );
  const order = (p: PlaybookDefinition) => p.steps.map((s) => s.id).join(",");
  if (out.every((d) => !d.path.startsWith("steps")) && order(a) !== order(b))
    out.push({ kind: "changed", path: "steps (order)", before: order(a), after: order(b) });
  return out;
}

function keyed(out: DiffEntry[], base: string, a: [string, object][], b: [string, object][]) {
  const ma = new Map(a);
  const mb = new Map(b);
  for (const [k, v] of ma)
    if (!mb.has(k)) out.push({ kind: "removed", path: `${base}.${k}`, before: v });
  for (const [k, v] of mb) {
    const old = ma.get(k);
    if (!old) out.push({ kind: "added", path: `${base}.${k}`, after: v });
    else {
      const fields = new Set([...Object.keys(old), ...Object.keys(v)]);
      for (const f of fields) {
        const x = (old as Record<string, unknown>)[f];
        const y = (v as Record<string, unknown>)[f];
        if (stable(x) !== stable(y))
          out.push({ kind: "changed", path: `${base}.${k}.${f}`, before: x, after: y });
      }
    }
  }
}

/** A changed list (a checklist, a role's backups) as the items added and removed, so a
 *  person reads "+ Notify legal" instead of comparing two JSON arrays by eye. Null when
 *  either side is not a list. */
export function listDelta(
  before: unknown,
  after: unknown,
): { added: string[]; removed: string[] } | null {
  if (!Array.isArray(before) || !Array.isArray(after)) return null;
  const text = (x: unknown) => (typeof x === "string" ? x : stable(x));
  const a = before.map(text);
  const b = after.map(text);
  return { added: b.filter((x) => !a.includes(x)), removed: a.filter((x) => !b.includes(x)) };
}
