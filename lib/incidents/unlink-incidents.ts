import "server-only";
import type { Actor } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import { inTransaction } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { recordLinkChange } from "./link-incidents.ts";
import { lockedPair } from "./lock-incidents.ts";
import { linkInput } from "./schemas.ts";

/** Removes a "related to" link, from either side. */
export async function unlinkIncidents(
  ref: string,
  raw: unknown,
  actor: Extract<Actor, { type: "user" }>,
  db?: Db,
) {
  const input = linkInput.parse(raw);
  return inTransaction(db, async (tx) => {
    const [self, other] = await lockedPair(tx, ref, input.incident, "link");
    const [aId, bId] = [self.id, other.id].sort();
    const gone = await tx.incidentLink.deleteMany({ where: { aId, bId } });
    if (gone.count === 0)
      throw new AppError("not_found", `${self.key} is not linked to ${other.key}.`);
    await recordLinkChange(tx, "unlinked", self, other, actor);
    return { key: self.key, unlinked: other.key };
  });
}
