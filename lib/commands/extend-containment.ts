import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";
import { extendInput } from "./schemas.ts";

/** POST …/extend: `body` is the raw { seconds }. */
export async function extendContainmentFromBody(requestId: string, body: unknown, actor: Actor) {
  return extendContainment(
    requestId,
    parseInput(extendInput, body, "seconds must be an integer from 60 to 2592000.").seconds,
    actor,
  );
}

/** Pushes a time box's end further out, so the automatic reverse command is not issued yet. */
export async function extendContainment(
  requestId: string,
  seconds: number,
  actor: Actor,
  db?: Db,
  now = new Date(),
) {
  return inTransaction(db, async (tx) => {
    // Row lock on the timer: a timer worker firing it right now holds it (FOR UPDATE SKIP
    // LOCKED), so this waits and then sees it done; an unlocked read followed by an upsert
    // back to pending re-armed a box that had already issued its reverse commands.
    const rows = await tx.$queryRaw<{ id: string; status: string; dueAt: Date }[]>`
      SELECT "id", "status"::text AS "status", "dueAt" FROM "Timer" WHERE "dedupeKey" = ${`cmd-box:${requestId}`} FOR NO KEY UPDATE`;
    const timer = rows[0];
    if (!timer) throw new AppError("not_found", "This request has no time box.");
    if (timer.status !== "pending")
      throw new AppError(
        "conflict",
        "The time box has already ended; issue a new containment command instead.",
      );
    const endsAt = new Date(Math.max(timer.dueAt.getTime(), now.getTime()) + seconds * 1000);
    await tx.timer.update({ where: { id: timer.id }, data: { dueAt: endsAt } });
    await tx.command.updateMany({ where: { requestId }, data: { containmentEndsAt: endsAt } });
    const req = await tx.commandRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { incidentId: true, type: true },
    });
    await appendAudit(tx, {
      actor,
      action: "command.time_box_extended",
      target: { type: "command_request", id: requestId },
      details: { seconds, endsAt: endsAt.toISOString() },
    });
    if (req.incidentId) {
      await appendTimeline(tx, {
        incidentId: req.incidentId,
        at: now,
        type: "command.time_box_extended",
        actor,
        source: "commands",
        summary: `${actor.label} extended the ${req.type} time box to ${endsAt.toISOString()}`,
        details: { requestId },
      });
    }
    return { requestId, endsAt: endsAt.toISOString() };
  });
}
