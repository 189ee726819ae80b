import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { resolveIncidentRef } from "./resolve-incident-ref.ts";
import { eventSummarySelect, listIncidentEventsQuery } from "./schemas.ts";

/** One page of an incident's events, newest first, filtered by host, type and severity.
 *  The page asks for it so a 10k-event incident never ships its events on every poll. */
export async function listIncidentEvents(
  ref: string,
  raw: Record<string, string | undefined>,
  db?: Db,
) {
  const q = listIncidentEventsQuery.parse(raw);
  db ??= await getDb();
  const incident = await db.incident.findFirst({
    where: resolveIncidentRef(ref),
    select: { id: true },
  });
  if (!incident) throw new AppError("not_found", `Incident ${ref} does not exist.`);
  const where = {
    incidentId: incident.id,
    ...(q.host ? { hostId: q.host } : {}),
    ...(q.type?.length ? { type: { in: q.type } } : {}),
    ...(q.severity?.length ? { severity: { in: q.severity } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.event.count({ where }),
    db.event.findMany({
      where,
      orderBy: [{ observedAt: "desc" }, { id: "desc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: {
        ...eventSummarySelect,
        details: true,
        host: { select: { id: true, hostname: true } },
      },
    }),
  ]);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    events: rows.map(({ id, host, ...e }) => ({
      ...e,
      id: id.toString(),
      hostId: host.id,
      hostname: host.hostname,
    })),
  };
}
export type IncidentEventsPage = Awaited<ReturnType<typeof listIncidentEvents>>;
