import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Tx } from "../db/transaction.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";

/** A follow-up change on the incident's timeline and in the audit log, in the caller's transaction. */
export async function recordFollowUpChange(
  tx: Tx,
  o: {
    incidentId: string;
    followUpId: string;
    actor: Actor;
    action: string;
    summary: string;
    details: Record<string, unknown>;
  },
) {
  await appendTimeline(tx, {
    incidentId: o.incidentId,
    type: `follow_up.${o.action}`,
    actor: o.actor,
    source: "console",
    summary: o.summary,
    details: { followUpId: o.followUpId, ...o.details },
  });
  await appendAudit(tx, {
    actor: o.actor,
    action: `follow_up.${o.action}`,
    target: { type: "follow_up", id: o.followUpId },
    details: { incidentId: o.incidentId, ...o.details },
  });
}
