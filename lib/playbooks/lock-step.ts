import "server-only";
import type { Tx } from "../db/transaction.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { lockRun } from "./advance-run.ts";
import type { PlaybookDefinition } from "./definition.ts";

/** A step's row read under its run's lock, so nothing decided on it changes meanwhile: the run
 *  id is read first, unlocked, only to know which run to lock. Null when there is no such step. */
export async function lockStep<S extends Prisma.StepRunSelect>(
  tx: Tx,
  stepRunId: string,
  select: S,
): Promise<Prisma.StepRunGetPayload<{ select: S }> | null> {
  const probe = await tx.stepRun.findUnique({ where: { id: stepRunId }, select: { runId: true } });
  if (!probe) return null;
  await lockRun(tx, probe.runId);
  return tx.stepRun.findUniqueOrThrow({ where: { id: stepRunId }, select }) as Promise<
    Prisma.StepRunGetPayload<{ select: S }>
  >;
}

/** What issuing a command step and completing it on its receipts read of the step. */
export const commandStepSelect = {
  id: true,
  key: true,
  kind: true,
  title: true,
  status: true,
  commandId: true,
  run: { select: { id: true, incidentId: true, status: true, definition: true } },
} as const satisfies Prisma.StepRunSelect;

/** The step as the run's frozen playbook defines it (a later edit never reaches a running step). */
export function frozenStepOf(step: { key: string; run: { definition: Prisma.JsonValue } }) {
  return (step.run.definition as unknown as PlaybookDefinition).steps.find(
    (s) => s.id === step.key,
  );
}
