import "server-only";
import type { Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { resolveIncidentRef } from "../incidents/resolve-incident-ref.ts";

/** Incidents are addressed by key (INC-2026-0042) or id; unknown refs are 404. */
export async function incidentIdOf(tx: Tx, ref: string): Promise<string> {
  const i = await tx.incident.findUnique({
    where: resolveIncidentRef(ref) as { id: string },
    select: { id: true },
  });
  if (!i) throw new AppError("not_found", "No such incident.");
  return i.id;
}
