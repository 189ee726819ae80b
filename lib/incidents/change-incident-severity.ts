import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { lockIncident } from "./lock-incidents.ts";
import { recordIncidentChange } from "./record-incident-change.ts";
import { severityInput } from "./schemas.ts";

/** A person sets the severity (up or down) with an optional reason. The row is locked, so
 *  the "from" on the timeline is what it really was; ingest may still raise it later (it
 *  only ever raises: new, worse events outrank an earlier judgement). */
export async function changeIncidentSeverity(
  ref: string,
  raw: unknown,
  actor: Extract<Actor, { type: "user" }>,
  db?: Db,
) {
  const { severity, reason } = severityInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const inc = await lockIncident(tx, ref);
    if (inc.status === "closed")
      throw new AppError("conflict", `${inc.key} is closed; reopen it to change its severity.`);
    if (inc.severity === severity)
      throw new AppError("conflict", `${inc.key} is already ${severity}.`, {
        extra: { currentSeverity: inc.severity },
      });
    const now = new Date();
    await tx.incident.update({
      where: { id: inc.id },
      data: { severity, updatedAt: now },
      select: { id: true },
    });
    const details = { from: inc.severity, to: severity, reason: reason ?? null };
    await recordIncidentChange(tx, {
      incidentId: inc.id,
      actor,
      type: "severity.changed",
      summary: `Severity ${inc.severity} → ${severity} by ${actor.label}${reason ? `: ${reason}` : ""}`,
      details,
      audit: { action: "incident.severity_changed", details: { key: inc.key, ...details } },
    });
    return { key: inc.key, severity, previous: inc.severity };
  });
}
