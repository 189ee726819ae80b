import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { eventSummarySelect, incidentSummarySelect } from "../incidents/schemas.ts";
import { connectivityOf } from "./connectivity.ts";
import { thresholds } from "./list-hosts.ts";
import { hostIdSchema, hostSummarySelect, pluginSelect } from "./schemas.ts";

const RECENT_EVENTS = 100;

/** Host detail: inventory, the latest events and every incident the host is part of. */
export async function getHost(id: string, db?: Db, now = new Date()) {
  const hostId = hostIdSchema.parse(id);
  db ??= await getDb();
  const host = await db.host.findUnique({
    where: { id: hostId },
    select: {
      ...hostSummarySelect,
      enrollmentToken: { select: { id: true, label: true } },
      plugins: { select: pluginSelect, orderBy: [{ name: "asc" }, { version: "asc" }] },
      events: {
        select: {
          ...eventSummarySelect,
          pluginSha256: true,
          incidentId: true,
        },
        orderBy: [{ observedAt: "desc" }, { id: "desc" }],
        take: RECENT_EVENTS,
      },
      incidents: {
        select: {
          firstSeenAt: true,
          lastSeenAt: true,
          eventCount: true,
          incident: {
            select: { ...incidentSummarySelect, openedAt: true, drill: true },
          },
        },
        orderBy: { lastSeenAt: "desc" },
        take: 200,
      },
    },
  });
  if (!host) throw new AppError("not_found", "No such host.");
  const eventCount = await db.event.count({ where: { hostId } });
  return {
    ...host,
    connectivity: connectivityOf(host.lastSeenAt, now, thresholds()),
    // BigInt ids do not survive JSON; they are opaque to clients anyway.
    events: host.events.map((e) => ({ ...e, id: e.id.toString() })),
    eventCount,
    incidents: host.incidents.map((i) => ({
      ...i.incident,
      firstSeenAt: i.firstSeenAt,
      lastSeenAt: i.lastSeenAt,
      hostEventCount: i.eventCount,
    })),
  };
}
export type HostDetail = Awaited<ReturnType<typeof getHost>>;

/** For the host page: answer 404 for an unknown id before rendering the live view. */
export async function hostExists(id: string, db?: Db): Promise<boolean> {
  const parsed = hostIdSchema.safeParse(id);
  if (!parsed.success) return false;
  db ??= await getDb();
  return Boolean(await db.host.findUnique({ where: { id: parsed.data }, select: { id: true } }));
}
