// When each escalation level of a step comes due. Pure, with minutes scaled by msPerMinute
// so tests and drills can run an escalation chain in seconds (BREAKWATER_PLAYBOOK_MINUTE_MS).
import type { StepDefinition, Target } from "./definition.ts";

type Escalation = NonNullable<StepDefinition["escalation"]>;

/** Due time of escalation level `n` (0-based); repeats the last level when the chain says so. */
export function escalationDueAt(
  readyAt: Date,
  esc: Escalation,
  n: number,
  msPerMinute: number,
): Date | null {
  const last = esc.levels.length - 1;
  if (n <= last) return new Date(readyAt.getTime() + esc.levels[n].afterMinutes * msPerMinute);
  if (!esc.repeatEveryMinutes) return null;
  const minutes = esc.levels[last].afterMinutes + (n - last) * esc.repeatEveryMinutes;
  return new Date(readyAt.getTime() + minutes * msPerMinute);
}

export function escalationTarget(esc: Escalation, n: number): Target {
  return esc.levels[Math.min(n, esc.levels.length - 1)].notify;
}

/** Levels that should have fired by `now`, given how many already did. */
export function dueEscalationLevels(
  readyAt: Date,
  esc: Escalation,
  fired: number,
  now: Date,
  msPerMinute: number,
): number[] {
  const due: number[] = [];
  for (let n = fired; n < fired + 1000; n++) {
    const at = escalationDueAt(readyAt, esc, n, msPerMinute);
    if (!at || at > now) break;
    due.push(n);
  }
  return due;
}

export function slaDueAt(
  readyAt: Date,
  slaMinutes: number | undefined,
  msPerMinute: number,
): Date | null {
  return slaMinutes ? new Date(readyAt.getTime() + slaMinutes * msPerMinute) : null;
}
