import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { env } from "../env.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { connectivityOf, lastSeenRange } from "./connectivity.ts";
import { type Connectivity, hostSummarySelect, listHostsQuery } from "./schemas.ts";

export const thresholds = () => ({
  staleSeconds: env.BREAKWATER_HOST_STALE_SECONDS,
  offlineSeconds: env.BREAKWATER_HOST_OFFLINE_SECONDS,
});

export type HostRow = {
  id: string;
  hostname: string;
  os: string;
  agentVersion: string;
  status: "active" | "revoked";
  connectivity: Connectivity;
  isolation: "none" | "isolated";
  simulated: boolean;
  enrolledAt: Date;
  lastSeenAt: Date;
  openIncidents: number;
  plugins: number;
};

/** The Hosts table: connectivity derived from lastSeenAt, open (not closed) incident count. */
export async function listHosts(
  raw: unknown,
  db?: Db,
  now = new Date(),
): Promise<{
  hosts: HostRow[];
  total: number;
  now: Date;
  thresholds: ReturnType<typeof thresholds>;
}> {
  const q = listHostsQuery.parse(raw);
  db ??= await getDb();
  const t = thresholds();
  const where: Prisma.HostWhereInput = {
    ...(q.q ? { hostname: { contains: q.q, mode: "insensitive" } } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.connectivity ? { lastSeenAt: lastSeenRange(q.connectivity, now, t) } : {}),
  };
  const [rows, total] = await Promise.all([
    db.host.findMany({
      where,
      select: {
        ...hostSummarySelect,
        _count: {
          select: {
            plugins: true,
            incidents: { where: { incident: { status: { not: "closed" } } } },
          },
        },
      },
      // Stable by name: a live table must not reshuffle every time an agent calls in.
      orderBy: [{ hostname: "asc" }, { id: "asc" }],
      take: q.limit,
    }),
    db.host.count({ where }),
  ]);
  const hosts = rows.map((h) => ({
    id: h.id,
    hostname: h.hostname,
    os: h.os,
    agentVersion: h.agentVersion,
    status: h.status,
    connectivity: connectivityOf(h.lastSeenAt, now, t),
    isolation: h.isolation,
    simulated: h.simulated,
    enrolledAt: h.enrolledAt,
    lastSeenAt: h.lastSeenAt,
    openIncidents: h._count.incidents,
    plugins: h._count.plugins,
  }));
  return { hosts, total, now, thresholds: t };
}
