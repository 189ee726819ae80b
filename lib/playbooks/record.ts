import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { noteChange } from "../db/change-feed.ts";
import type { Tx } from "../db/transaction.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";

/** One playbook state change → one timeline entry and one audit entry, in the caller's
 *  transaction, so the change and its history commit together or not at all. */
export async function recordPlaybookEvent(
  tx: Tx,
  e: {
    incidentId: string;
    actor: Actor;
    type: string;
    summary: string;
    target: { type: string; id: string };
    details?: Record<string, unknown>;
  },
) {
  noteChange(tx, `incident:${e.incidentId}`);
  const details = JSON.parse(JSON.stringify(e.details ?? {}));
  await appendTimeline(tx, {
    incidentId: e.incidentId,
    type: e.type,
    actor: e.actor,
    source: "playbook",
    summary: e.summary,
    details,
  });
  await appendAudit(tx, {
    actor: e.actor,
    action: e.type,
    target: e.target,
    details: { incidentId: e.incidentId, ...details },
  });
}
