import "server-only";
import type { Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { formatClock } from "../ui/clock.ts";

/**
 * One live request per playbook step: a second click on "Send command to hosts" while the
 * first request awaits approval (or its commands are still on their way) is a 409, not a
 * second identical request. The step row is locked first, so two clicks at once are checked
 * one after the other inside their issuing transactions; a failed, expired, cancelled or
 * rejected request does not block a retry.
 */
export async function refuseDuplicateStepRequest(tx: Tx, stepRunId: string) {
  await tx.$executeRaw`SELECT 1 FROM "StepRun" WHERE "id" = ${stepRunId} FOR NO KEY UPDATE`;
  const live = await tx.commandRequest.findFirst({
    where: {
      stepRunId,
      OR: [
        { approval: "pending" },
        {
          commands: {
            some: { status: { in: ["awaiting_approval", "queued", "delivered", "acknowledged"] } },
          },
        },
      ],
    },
    select: { id: true, approval: true, requestedByLabel: true, requestedAt: true },
  });
  if (live) {
    const what = live.approval === "pending" ? "awaits approval" : "is still running";
    throw new AppError(
      "conflict",
      `This step's command was already requested by ${live.requestedByLabel} at ${formatClock(live.requestedAt)} and ${what}.`,
      { extra: { requestId: live.id } },
    );
  }
}
