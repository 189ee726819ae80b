import "server-only";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { type LockedIncident, lockedPair } from "./lock-incidents.ts";
import { recordIncidentChange } from "./record-incident-change.ts";
import { linkInput } from "./schemas.ts";

type User = Extract<Actor, { type: "user" }>;

/** "Related to": symmetric, stored once with the smaller id first, shown on both pages. */
export async function linkIncidents(ref: string, raw: unknown, actor: User, db?: Db) {
  const input = linkInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const [self, other] = await lockedPair(tx, ref, input.incident, "link");
    const [aId, bId] = [self.id, other.id].sort();
    // The locks serialise two people linking the same pair; the primary key stays the backstop.
    if (
      await tx.incidentLink.findUnique({ where: { aId_bId: { aId, bId } }, select: { aId: true } })
    ) {
      throw new AppError("conflict", `${self.key} is already linked to ${other.key}.`);
    }
    await tx.incidentLink.create({
      data: { aId, bId, createdById: actor.id },
      select: { aId: true },
    });
    await recordLinkChange(tx, "linked", self, other, actor);
    return { key: self.key, linked: { key: other.key, title: other.title } };
  });
}

/** Both timelines say it (each naming the other); one audit entry records the pair. */
export async function recordLinkChange(
  tx: Tx,
  verb: "linked" | "unlinked",
  self: LockedIncident,
  other: LockedIncident,
  actor: User,
) {
  const say = (a: LockedIncident, b: LockedIncident) =>
    verb === "linked" ? `Linked to ${b.key} (${b.title})` : `Unlinked from ${b.key} (${b.title})`;
  await recordIncidentChange(tx, {
    incidentId: self.id,
    actor,
    type: `incident.${verb}`,
    summary: say(self, other),
    details: { other: other.key, otherId: other.id },
  });
  await recordIncidentChange(tx, {
    incidentId: other.id,
    actor,
    type: `incident.${verb}`,
    summary: say(other, self),
    details: { other: self.key, otherId: self.id },
  });
  await appendAudit(tx, {
    actor,
    action: `incident.${verb}`,
    target: { type: "incident", id: self.id },
    details: { key: self.key, other: other.key, otherId: other.id },
  });
}
