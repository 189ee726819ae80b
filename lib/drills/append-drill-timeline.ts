import "server-only";
import { type Actor, systemActor } from "../audit/actor.ts";
import type { Tx } from "../db/transaction.ts";
import type { Prisma } from "../generated/prisma/client.ts";

// The only writer of DrillTimelineEntry: every control and every inject of a run lands here,
// in the transaction of the change, next to its audit entry (the caller's).
export async function appendDrillTimeline(
  tx: Tx,
  e: {
    drillRunId: string;
    at: Date;
    elapsedMs: number;
    type: string;
    actor: Actor;
    summary: string;
    details?: Record<string, unknown>;
  },
) {
  await tx.drillTimelineEntry.create({
    data: {
      drillRunId: e.drillRunId,
      at: e.at,
      elapsedMs: Math.max(0, Math.floor(e.elapsedMs)),
      type: e.type,
      actorType: e.actor.type,
      actorId: e.actor.id ?? null,
      actorLabel: e.actor.label,
      summary: e.summary,
      details: e.details as Prisma.InputJsonValue | undefined,
    },
  });
}

/** Who acts when the drill itself does something (an inject fires, the time runs out). */
export const drillActor = (key: string) => systemActor(`drill ${key}`);
