import "server-only";
import { type Actor, actorOfUser } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { SessionUser } from "../auth/current-user.ts";
import type { Db } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { appendTimeline } from "../incidents/append-timeline.ts";
import { resolveIncidentRef } from "../incidents/resolve-incident-ref.ts";
import { legalHoldSchema } from "./schemas.ts";

/** The arguments of applyLegalHold and releaseLegalHold, the same for both. */
export type LegalHoldArgs = [
  ref: string,
  raw: unknown,
  user: SessionUser,
  ip: string | null,
  db?: Db,
];

export type LegalHoldChange = {
  incidentId: string;
  reason: string;
  user: SessionUser;
  actor: Actor;
  ip: string | null;
  at: Date;
};

/** Incidents are addressed by key (INC-2026-0042) or id; unknown refs are 404. */
async function incidentIdOf(tx: Tx, ref: string): Promise<string> {
  const i = await tx.incident.findUnique({
    where: resolveIncidentRef(ref) as { id: string },
    select: { id: true },
  });
  if (!i) throw new AppError("not_found", "No such incident.");
  return i.id;
}

/** What applying and releasing a hold share: the reason parsed, the incident found, and, in the
 *  same transaction as `write`, the audit and timeline entries naming how many artifacts it
 *  covered. `write` returns that count and any audit details of its own. */
export async function changeLegalHold(
  change: "applied" | "released",
  [ref, raw, user, ip, db]: LegalHoldArgs,
  write: (
    tx: Tx,
    hold: LegalHoldChange,
  ) => Promise<{ artifacts: number; details?: Record<string, unknown> }>,
): Promise<LegalHoldChange & { artifacts: number }> {
  const { reason } = parseInput(legalHoldSchema, raw);
  const actor = actorOfUser(user);
  return inTransaction(db, async (tx) => {
    const hold = {
      incidentId: await incidentIdOf(tx, ref),
      reason,
      user,
      actor,
      ip,
      at: new Date(),
    };
    const { artifacts, details } = await write(tx, hold);
    await appendAudit(tx, {
      actor,
      action: `incident.legal_hold_${change}`,
      target: { type: "incident", id: hold.incidentId },
      details: { reason, ...details, artifacts, ip },
    });
    await appendTimeline(tx, {
      incidentId: hold.incidentId,
      source: "artifacts",
      type: `legal_hold_${change}`,
      actor,
      summary: `Legal hold ${change}: ${reason}`,
      details: { artifacts },
    });
    return { ...hold, artifacts };
  });
}
