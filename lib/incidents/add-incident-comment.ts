import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { recordIncidentChange } from "./record-incident-change.ts";
import { resolveIncidentRef } from "./resolve-incident-ref.ts";
import { commentInput } from "./schemas.ts";

/** A responder's free-text note on the timeline. Allowed on closed and merged incidents
 *  too: "see INC-…" or a late finding belongs on the record whatever the status. */
export async function addIncidentComment(
  ref: string,
  raw: unknown,
  actor: Extract<Actor, { type: "user" }>,
  db?: Db,
) {
  const { text } = commentInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const incident = await tx.incident.findFirst({
      where: resolveIncidentRef(ref),
      select: { id: true, key: true },
    });
    if (!incident) throw new AppError("not_found", `Incident ${ref} does not exist.`);
    await recordIncidentChange(tx, {
      incidentId: incident.id,
      actor,
      type: "comment",
      summary: text,
      details: { length: text.length },
      audit: { action: "incident.commented", details: { key: incident.key, text } },
    });
    return { incidentKey: incident.key, text, author: actor.label };
  });
}
