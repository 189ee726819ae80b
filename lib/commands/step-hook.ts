import "server-only";
import type { Tx } from "../db/transaction.ts";

// Seam to the playbooks capability: when every command of a step-linked request has
// finished, the playbook's completeCommandStep(tx, stepRunId, outcome, requestId) runs in the same
// transaction as the last receipt. Playbooks registers it (lib/commands is imported by
// playbooks, not the other way round, so there is no import cycle).
export type CommandStepOutcome = "succeeded" | "failed";
type StepHandler = (tx: Tx, stepRunId: string, outcome: CommandStepOutcome, requestId: string) => Promise<void>;

const g = globalThis as unknown as { __bwCommandStepHandler?: StepHandler };

export function registerCommandStepHandler(fn: StepHandler) {
  g.__bwCommandStepHandler = fn;
}

export async function notifyCommandStep(tx: Tx, stepRunId: string, outcome: CommandStepOutcome, requestId: string) {
  await g.__bwCommandStepHandler?.(tx, stepRunId, outcome, requestId);
}
