import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { noteChange } from "../db/change-feed.ts";
import type { Tx } from "../db/transaction.ts";
import { appendTimeline } from "./append-timeline.ts";

export type IncidentChange = {
  incidentId: string;
  actor: Actor;
  /** Timeline entry type, e.g. "comment", "severity.changed". */
  type: string;
  summary: string;
  details: Record<string, unknown>;
  /** Audit action; omitted when another entry of the same change already carries it
   *  (a link writes two timeline entries, one on each incident, and one audit entry). */
  audit?: { action: string; details: Record<string, unknown> };
};

/** One collaboration change on an incident's timeline (and in the audit log), in the
 *  caller's transaction, published to the incident's live page after commit. */
export async function recordIncidentChange(tx: Tx, c: IncidentChange) {
  await appendTimeline(tx, {
    incidentId: c.incidentId,
    type: c.type,
    actor: c.actor,
    source: "console",
    summary: c.summary,
    details: c.details,
  });
  if (c.audit)
    await appendAudit(tx, {
      actor: c.actor,
      action: c.audit.action,
      target: { type: "incident", id: c.incidentId },
      details: c.audit.details,
    });
  noteChange(tx, `incident:${c.incidentId}`);
}
