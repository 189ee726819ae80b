import "server-only";
import type { PrismaClient } from "../generated/prisma/client.ts";

// Minutes after detection at which the demo's people made each move: plausible response
// times, so MTTA/MTTC/MTTR on the metrics page look like a team's, not like zero.
const AFTER_DETECTION_MIN = {
  openedAt: 1,
  acknowledgedAt: 5,
  containedAt: 16,
  recoveredAt: 60,
  closedAt: 90,
} as const;
const FIELD_OF_STATUS: Record<string, keyof typeof AFTER_DETECTION_MIN> = {
  acknowledged: "acknowledgedAt",
  contained: "containedAt",
  recovered: "recoveredAt",
  closed: "closedAt",
};

/**
 * The real use cases stamp "now" on an incident and its transitions, so a demo incident whose
 * events are two days old read "Opened 22m ago" beside "Last event 2d ago". This moves the
 * incident's own times (and their timeline entries) to when its story happened. Only the
 * demo does this; audit entries are left alone (they are hash-chained and say when the seed ran).
 */
export async function backdateDemoIncident(db: PrismaClient, incidentId: string, now: Date) {
  const inc = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      detectedAt: true,
      acknowledgedAt: true,
      containedAt: true,
      recoveredAt: true,
      closedAt: true,
      hosts: { select: { hostId: true, firstSeenAt: true } },
    },
  });
  const at = (min: number) =>
    new Date(Math.min(now.getTime(), inc.detectedAt.getTime() + min * 60_000));
  const times: Partial<Record<keyof typeof AFTER_DETECTION_MIN, Date>> = {
    openedAt: at(AFTER_DETECTION_MIN.openedAt),
  };
  for (const f of ["acknowledgedAt", "containedAt", "recoveredAt", "closedAt"] as const)
    if (inc[f]) times[f] = at(AFTER_DETECTION_MIN[f]);
  await db.incident.update({ where: { id: incidentId }, data: { ...times, updatedAt: now } });
  const firstSeen = new Map(inc.hosts.map((h) => [h.hostId, h.firstSeenAt]));
  const entries = await db.timelineEntry.findMany({
    where: { incidentId },
    select: { id: true, type: true, details: true },
  });
  for (const e of entries) {
    const d = (e.details ?? {}) as Record<string, unknown>;
    const when =
      e.type === "incident.opened"
        ? times.openedAt
        : e.type.startsWith("status.")
          ? times[FIELD_OF_STATUS[e.type.slice(7)]]
          : typeof d.observedAt === "string"
            ? new Date(d.observedAt)
            : typeof d.hostId === "string" && firstSeen.has(d.hostId)
              ? firstSeen.get(d.hostId)
              : undefined;
    if (when) await db.timelineEntry.update({ where: { id: e.id }, data: { at: when } });
  }
}
