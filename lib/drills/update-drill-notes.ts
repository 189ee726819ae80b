import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { parseInput } from "../errors/parse-input.ts";
import { appendDrillTimeline } from "./append-drill-timeline.ts";
import { elapsedAt } from "./drill-clock.ts";
import { getDrillRun } from "./get-drill-run.ts";
import { lockDrillRunOrThrow } from "./lock-drill-run.ts";
import { notesInput } from "./schemas.ts";

/** PUT /drills/:id/notes {notes} — the facilitator's notes, kept after the end for the report.
 *  Writing the same text again changes nothing and records nothing. */
export async function updateDrillNotes(id: string, raw: unknown, actor: Actor, db?: Db) {
  const { notes } = parseInput(notesInput, raw, "Invalid notes.");
  const now = new Date();
  await inTransaction(db, async (tx) => {
    const run = await lockDrillRunOrThrow(tx, id);
    const before = await tx.drillRun.findUniqueOrThrow({
      where: { id },
      select: { facilitatorNotes: true },
    });
    if (before.facilitatorNotes === notes) return;
    await tx.drillRun.update({ where: { id }, data: { facilitatorNotes: notes } });
    await appendDrillTimeline(tx, {
      drillRunId: id,
      at: now,
      elapsedMs: elapsedAt(run.segments, now.getTime()),
      type: "drill.notes_updated",
      actor,
      summary: `${actor.label} updated the facilitator's notes`,
      details: { length: notes.length },
    });
    await appendAudit(tx, {
      actor,
      action: "drill.notes_updated",
      target: { type: "drill_run", id },
      details: { key: run.key, length: notes.length },
    });
  });
  return (await getDrillRun(id, { canControl: true }, db))!;
}
