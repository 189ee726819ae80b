import "server-only";
import type { Tx } from "../db/transaction.ts";
import { processSingleton } from "../process-singleton.ts";

/** A step timer's due time. `payload` goes into the timer row: a drill stores there the drill
 *  time the timer is due at, so a pause, resume or speed change can move it (lib/drills). */
export type StepDue = { dueAt: Date; payload: Record<string, unknown> };
/** When `offsetMs` of playbook time after `from` falls due. */
export type StepClock = (from: Date, offsetMs: number) => StepDue;

const wallClock: StepClock = (from, offsetMs) => ({
  dueAt: new Date(from.getTime() + offsetMs),
  payload: {},
});

type Resolver = (tx: Tx, incidentId: string) => Promise<StepClock | null>;
// Drills sit above playbooks, so the drill clock is handed in by the composition root
// (lib/server/register-handlers.ts) instead of imported: without it every run is in wall time.
const slot = processSingleton("playbookStepClock", () => ({ resolve: null as Resolver | null }));

export function registerStepClock(resolve: Resolver) {
  slot.resolve = resolve;
}

/** The clock an incident's SLA, escalation and wait timers run on: wall time, or the drill's. */
export async function stepClockOf(tx: Tx, incidentId: string): Promise<StepClock> {
  return (await slot.resolve?.(tx, incidentId)) ?? wallClock;
}
