import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { CONTAINMENT_COMMAND_TYPES } from "./containment-types.ts";
import { hostContainment } from "./host-containment.ts";
import { resolveIncidentRef } from "./resolve-incident-ref.ts";
import { incidentDetailSelect } from "./schemas.ts";
import { ALLOWED_TRANSITIONS, type IncidentStatus } from "./transitions.ts";

const TIMELINE_LIMIT = 1000;

/** Everything the incident page shows, as DTOs: summary with who made each transition,
 *  affected hosts with their containment, plugins, and the timeline (oldest first). The
 *  event stream is paged separately (listIncidentEvents): this is polled every second. */
export async function getIncident(ref: string, db?: Db) {
  db ??= await getDb();
  const where = resolveIncidentRef(ref);
  const found = await db.incident.findFirst({ where, select: incidentDetailSelect });
  if (!found) throw new AppError("not_found", `Incident ${ref} does not exist.`);
  const { _count, ...incident } = found;
  const [hosts, plugins, containmentCommands, timeline, links, commander] = await Promise.all([
    db.incidentHost.findMany({
      where: { incidentId: incident.id },
      orderBy: { firstSeenAt: "asc" },
      select: {
        firstSeenAt: true,
        lastSeenAt: true,
        eventCount: true,
        host: { select: { id: true, hostname: true, os: true, isolation: true, lastSeenAt: true } },
      },
    }),
    db.event.groupBy({
      by: ["pluginName", "pluginVersion", "pluginSha256"],
      where: { incidentId: incident.id, pluginName: { not: null } },
      _count: { _all: true },
    }),
    db.command.findMany({
      where: { incidentId: incident.id, type: { in: [...CONTAINMENT_COMMAND_TYPES] } },
      select: { hostId: true, status: true },
    }),
    db.timelineEntry.findMany({
      where: { incidentId: incident.id },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: TIMELINE_LIMIT,
      select: {
        id: true,
        at: true,
        type: true,
        actorType: true,
        actorLabel: true,
        source: true,
        summary: true,
        details: true,
      },
    }),
    findLinks(db, incident.id),
    findCommander(db, incident.id),
  ]);
  // Who made each transition: the latest timeline entry of that kind (the table keeps the
  // time, the timeline keeps the person).
  const actors: Partial<Record<IncidentStatus, { label: string; at: Date }>> = {};
  for (const t of timeline) {
    if (t.type.startsWith("status."))
      actors[t.type.slice(7) as IncidentStatus] = { label: t.actorLabel, at: t.at };
  }
  return {
    incident: { ...incident, hostCount: _count.hosts },
    // A merged incident is closed for good (transition-incident refuses the reopen too).
    allowedTransitions: incident.mergedInto
      ? []
      : ALLOWED_TRANSITIONS[incident.status as IncidentStatus],
    links,
    commander,
    transitionActors: actors,
    hosts: hosts.map((h) => ({
      ...h.host,
      hostLastSeenAt: h.host.lastSeenAt,
      firstSeenAt: h.firstSeenAt,
      lastSeenAt: h.lastSeenAt,
      eventCount: h.eventCount,
      containment: hostContainment(
        containmentCommands.filter((c) => c.hostId === h.host.id).map((c) => c.status),
      ),
    })),
    plugins: plugins.map((p) => ({
      name: p.pluginName!,
      version: p.pluginVersion,
      sha256: p.pluginSha256,
      eventCount: p._count._all,
    })),
    timeline: timeline.map((t) => ({ ...t, id: String(t.id) })),
    containmentLeft: await findContainmentLeft(db, incident.id, incident.pluginName),
  };
}

/** "Related to" links, whichever side they were made from (stored once, smaller id first). */
async function findLinks(db: Db, incidentId: string) {
  const other = { select: { key: true, title: true, status: true } } as const;
  const rows = await db.incidentLink.findMany({
    where: { OR: [{ aId: incidentId }, { bId: incidentId }] },
    orderBy: { createdAt: "asc" },
    select: { aId: true, createdAt: true, a: other, b: other },
  });
  return rows.map((r) => ({ ...(r.aId === incidentId ? r.b : r.a), linkedAt: r.createdAt }));
}

/** The incident's owner for the page header: whoever holds the commander role, if anyone. */
async function findCommander(db: Db, incidentId: string) {
  const seat = await db.incidentRole.findUnique({
    where: { incidentId_key: { incidentId, key: "commander" } },
    select: { userId: true },
  });
  if (!seat?.userId) return null;
  const u = await db.user.findUnique({
    where: { id: seat.userId },
    select: { id: true, name: true },
  });
  return { userId: seat.userId, name: u?.name ?? "(inactive user)" };
}

/** What recovering or closing would leave behind: the incident's hosts still isolated, and
 *  its plugin still quarantined or revoked on them. Shown as a warning, never a block — a
 *  responder may mean to keep a host isolated — but nobody should close without knowing. */
async function findContainmentLeft(db: Db, incidentId: string, pluginName: string | null) {
  const [isolated, plugins] = await Promise.all([
    db.incidentHost.findMany({
      where: { incidentId, host: { isolation: "isolated" } },
      select: { host: { select: { id: true, hostname: true } } },
      orderBy: { firstSeenAt: "asc" },
    }),
    pluginName
      ? db.hostPlugin.findMany({
          where: {
            name: pluginName,
            state: { in: ["quarantined", "revoked"] },
            host: { incidents: { some: { incidentId } } },
          },
          select: { version: true, state: true, host: { select: { id: true, hostname: true } } },
        })
      : [],
  ]);
  return {
    isolatedHosts: isolated.map((h) => h.host),
    restrictedPlugins: plugins.map((p) => ({
      hostId: p.host.id,
      hostname: p.host.hostname,
      name: pluginName!,
      version: p.version,
      state: p.state,
    })),
  };
}
export type IncidentDetail = Awaited<ReturnType<typeof getIncident>>;

/** For page.tsx: does the incident exist (so an unknown key is a real 404)? */
export async function incidentExists(ref: string, db?: Db): Promise<boolean> {
  db ??= await getDb();
  return (await db.incident.count({ where: resolveIncidentRef(ref) })) > 0;
}
