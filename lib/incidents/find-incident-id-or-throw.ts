import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { resolveIncidentRef } from "./resolve-incident-ref.ts";

/** An incident's id and key from its key or id in a URL; an unknown or malformed ref is a 404. */
export async function findIncidentIdOrThrow(ref: string, db?: Db) {
  const client = db ?? (await getDb());
  const inc = await client.incident.findFirst({
    where: resolveIncidentRef(ref),
    select: { id: true, key: true },
  });
  if (!inc) throw new AppError("not_found", "No such incident.");
  return inc;
}
