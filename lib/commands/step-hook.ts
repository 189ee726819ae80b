import "server-only";
import type { Tx } from "../db/transaction.ts";
import { processSingleton } from "../process-singleton.ts";

// Seam to the playbooks capability: when every command of a step-linked request has
// finished, the playbook's completeCommandStep runs in the same transaction as the last
// receipt. lib/commands is imported by playbooks, not the other way round, so the composition
// root (lib/server/register-handlers.ts) wires it. Process-wide: boot registers it and the
// receipt routes (another module graph) call it.
export type CommandStepOutcome = "succeeded" | "failed";
type StepHandler = (
  tx: Tx,
  stepRunId: string,
  outcome: CommandStepOutcome,
  requestId: string,
) => Promise<void>;

const hook = processSingleton("commandStepHandler", () => ({
  handler: null as StepHandler | null,
}));

export function registerCommandStepHandler(fn: StepHandler) {
  hook.handler = fn;
}

export async function notifyCommandStep(
  tx: Tx,
  stepRunId: string,
  outcome: CommandStepOutcome,
  requestId: string,
) {
  // Throwing rolls the receipt back (the agent retries it): better than committing a finished
  // command whose playbook step then waits for ever.
  if (!hook.handler)
    throw new Error(
      "command-step completion is not wired: call registerHandlers() from lib/server/register-handlers.ts at this process's entry point",
    );
  await hook.handler(tx, stepRunId, outcome, requestId);
}
