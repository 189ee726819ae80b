// DAG readiness: which pending steps become ready or skipped, given the others' states.
// Pure so it is unit-tested without a database and shared by the run engine and the UI.
import { dependencies, type PlaybookDefinition } from "./definition.ts";

export type StepState = "pending" | "ready" | "done" | "rejected" | "skipped";
export type StepSnapshot = { status: StepState; choice?: string | null };

const SETTLED = new Set<StepState>(["done", "skipped", "rejected"]);

/**
 * Returns the transitions to apply, computed to a fixpoint:
 * - a step gated by a decision is skipped unless the chosen option lists it;
 * - a step whose prerequisite was rejected, or whose prerequisites were all skipped, is skipped
 *   (so a branch that was not taken dies as a whole);
 * - otherwise a step is ready once every prerequisite is done or skipped (a join after
 *   parallel branches waits for all of them).
 */
export function nextTransitions(
  p: PlaybookDefinition,
  states: Record<string, StepSnapshot>,
): Record<string, "ready" | "skipped"> {
  const deps = dependencies(p);
  const byId = new Map(p.steps.map((s) => [s.id, s]));
  const cur: Record<string, StepSnapshot> = Object.fromEntries(
    Object.entries(states).map(([k, v]) => [k, { ...v }]),
  );
  const out: Record<string, "ready" | "skipped"> = {};
  let changed = true;
  while (changed) {
    changed = false;
    for (const s of p.steps) {
      if (cur[s.id]?.status !== "pending") continue;
      const ds = deps.get(s.id) ?? [];
      if (!ds.every((d) => SETTLED.has(cur[d]?.status))) continue;
      let verdict: "ready" | "skipped" = "ready";
      for (const d of ds) {
        const dep = byId.get(d);
        if (dep?.kind === "decision" && dep.options.some((o) => o.next.includes(s.id))) {
          const chosen = dep.options.find((o) => o.key === cur[d].choice);
          if (cur[d].status !== "done" || !chosen?.next.includes(s.id)) verdict = "skipped";
        }
        if (cur[d].status === "rejected") verdict = "skipped";
      }
      if (ds.length > 0 && ds.every((d) => cur[d].status === "skipped")) verdict = "skipped";
      cur[s.id] = { status: verdict };
      out[s.id] = verdict;
      // A ready step is not settled, so only skips can cascade within one pass.
      changed = true;
    }
  }
  return out;
}

export const isSettled = (s: StepState) => SETTLED.has(s);
