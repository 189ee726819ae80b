import "server-only";
import { type Db, getDb } from "../db/index.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { connectivityOf } from "./connectivity.ts";
import { thresholds } from "./list-hosts.ts";
import { pluginFleetQuery } from "./schemas.ts";

/**
 * Blast radius: every host that runs a plugin (by name, or by sha256), narrowed by version,
 * signer, origin or state, with counts per version and per state. What a responder reads
 * before a fleet-wide revoke. Filters start from the (name, version) or sha256 index, and the
 * counts are computed by the database, so thousands of hosts stay fast.
 */
export async function findPluginFleet(raw: unknown, db?: Db, now = new Date()) {
  const q = pluginFleetQuery.parse(raw);
  db ??= await getDb();
  const where: Prisma.HostPluginWhereInput = {
    ...(q.name ? { name: q.name } : {}),
    ...(q.version ? { version: q.version } : {}),
    ...(q.sha256 ? { sha256: q.sha256 } : {}),
    ...(q.signer ? { signer: q.signer } : {}),
    ...(q.origin ? { origin: q.origin } : {}),
    ...(q.state ? { state: q.state } : {}),
  };
  const [rows, total, byVersionState, byBuild] = await Promise.all([
    db.hostPlugin.findMany({
      where,
      select: {
        name: true,
        version: true,
        origin: true,
        signer: true,
        sha256: true,
        state: true,
        permissions: true,
        updatedAt: true,
        host: {
          select: {
            id: true,
            hostname: true,
            os: true,
            status: true,
            isolation: true,
            lastSeenAt: true,
          },
        },
      },
      orderBy: [{ version: "desc" }, { hostId: "asc" }],
      take: q.limit,
    }),
    db.hostPlugin.count({ where }),
    db.hostPlugin.groupBy({
      by: ["version", "state"],
      where,
      _count: { _all: true },
      orderBy: [{ version: "desc" }, { state: "asc" }],
    }),
    db.hostPlugin.groupBy({
      by: ["version", "sha256", "signer"],
      where,
      _count: { _all: true },
      orderBy: [{ version: "desc" }, { sha256: "asc" }],
      take: 200,
    }),
  ]);
  const t = thresholds();
  const byState: Record<string, number> = {};
  const byVersion: Record<string, number> = {};
  for (const g of byVersionState) {
    byState[g.state] = (byState[g.state] ?? 0) + g._count._all;
    byVersion[g.version] = (byVersion[g.version] ?? 0) + g._count._all;
  }
  return {
    query: q,
    total,
    truncated: total > rows.length,
    counts: {
      byState,
      byVersion,
      byVersionState: byVersionState.map((g) => ({
        version: g.version,
        state: g.state,
        hosts: g._count._all,
      })),
      // One version shipped as several builds (sha256/signer) is itself a signal: a tampered copy.
      byBuild: byBuild.map((g) => ({
        version: g.version,
        sha256: g.sha256,
        signer: g.signer,
        hosts: g._count._all,
      })),
    },
    hosts: rows.map((r) => ({
      hostId: r.host.id,
      hostname: r.host.hostname,
      os: r.host.os,
      hostStatus: r.host.status,
      isolation: r.host.isolation,
      connectivity: connectivityOf(r.host.lastSeenAt, now, t),
      lastSeenAt: r.host.lastSeenAt,
      plugin: {
        name: r.name,
        version: r.version,
        origin: r.origin,
        signer: r.signer,
        sha256: r.sha256,
        state: r.state,
        permissions: r.permissions,
        updatedAt: r.updatedAt,
      },
    })),
  };
}
export type PluginFleet = Awaited<ReturnType<typeof findPluginFleet>>;
