import "server-only";
import type { Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { resolveIncidentRef } from "./resolve-incident-ref.ts";
import type { IncidentStatus } from "./transitions.ts";

export type LockedIncident = {
  id: string;
  key: string;
  title: string;
  status: IncidentStatus;
  severity: string;
  mergedIntoId: string | null;
};

/**
 * Locks the incidents named by refs (key or id) FOR NO KEY UPDATE, in id order, and returns
 * them in the order asked. One statement, sorted, so two writers that touch the same pair
 * (A→B and B→A) queue instead of deadlocking, and each re-reads what the other committed.
 * NO KEY, because writing a timeline entry takes KEY SHARE on the incident (DEVELOPING.md).
 */
export async function lockIncidents(tx: Tx, refs: string[]): Promise<LockedIncident[]> {
  const wheres = refs.map(resolveIncidentRef);
  const ids = wheres.flatMap((w) => ("id" in w ? [w.id] : []));
  const keys = wheres.flatMap((w) => ("key" in w ? [w.key] : []));
  const rows = await tx.$queryRawUnsafe<LockedIncident[]>(
    `SELECT "id", "key", "title", "status"::text AS "status", "severity"::text AS "severity", "mergedIntoId"
       FROM "Incident" WHERE "id" = ANY($1::text[]) OR "key" = ANY($2::text[]) ORDER BY "id" FOR NO KEY UPDATE`,
    ids,
    keys,
  );
  return wheres.map((w, i) => {
    const found = rows.find((r) => ("id" in w ? r.id === w.id : r.key === w.key));
    if (!found) throw new AppError("not_found", `Incident ${refs[i]} does not exist.`);
    return found;
  });
}

/** Locks one incident (see lockIncidents). */
export async function lockIncident(tx: Tx, ref: string): Promise<LockedIncident> {
  return (await lockIncidents(tx, [ref]))[0];
}

/** The two incidents of a link or merge, locked; the same incident twice is refused. */
export async function lockedPair(tx: Tx, ref: string, otherRef: string, what: "link" | "merge") {
  const [self, other] = await lockIncidents(tx, [ref, otherRef]);
  if (self.id === other.id) {
    const field = what === "link" ? "incident" : "into";
    throw new AppError(
      "invalid_input",
      `An incident cannot ${what === "link" ? "be linked to" : "be merged into"} itself.`,
      { errors: [{ path: field, message: "the same incident" }] },
    );
  }
  return [self, other] as const;
}
