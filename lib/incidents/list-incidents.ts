import "server-only";
import type { z } from "zod";
import { type Db, getDb } from "../db/index.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { type incidentListDto, incidentListSelect, listIncidentsQuery } from "./schemas.ts";

type Row = Prisma.IncidentGetPayload<{ select: typeof incidentListSelect }>;
export type IncidentListItem = Omit<Row, "_count"> & { hostCount: number };

export const toListItem = ({ _count, ...r }: Row): IncidentListItem => ({
  ...r,
  hostCount: _count.hosts,
});

/** Newest first. `plugin` matches name (prefix, case-insensitive) or an exact sha256;
 *  `host` matches an affected host's id or hostname prefix; `q` searches the key. */
export async function listIncidents(
  raw: unknown,
  db?: Db,
): Promise<
  { incidents: IncidentListItem[]; total: number; page: number; pageSize: number } & z.output<
    typeof incidentListDto
  >
> {
  const q = listIncidentsQuery.parse(raw);
  db ??= await getDb();
  const and: Prisma.IncidentWhereInput[] = [];
  if (q.status?.length) and.push({ status: { in: q.status } });
  if (q.severity?.length) and.push({ severity: { in: q.severity } });
  if (q.plugin) {
    and.push(
      /^[0-9a-f]{64}$/i.test(q.plugin)
        ? { pluginSha256: q.plugin.toLowerCase() }
        : { pluginName: { startsWith: q.plugin, mode: "insensitive" } },
    );
  }
  if (q.host) {
    const uuid = /^[0-9a-f-]{36}$/i.test(q.host);
    and.push({
      hosts: {
        some: uuid
          ? { hostId: q.host.toLowerCase() }
          : { host: { hostname: { startsWith: q.host, mode: "insensitive" } } },
      },
    });
  }
  if (q.q)
    and.push({
      OR: [
        { key: { contains: q.q, mode: "insensitive" } },
        { title: { contains: q.q, mode: "insensitive" } },
      ],
    });
  if (q.drill) and.push({ drill: q.drill === "true" });
  const where: Prisma.IncidentWhereInput = and.length ? { AND: and } : {};
  const [rows, total] = await Promise.all([
    db.incident.findMany({
      where,
      orderBy: [{ openedAt: "desc" }, { key: "desc" }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: incidentListSelect,
    }),
    db.incident.count({ where }),
  ]);
  return { incidents: rows.map(toListItem), total, page: q.page, pageSize: q.pageSize };
}
