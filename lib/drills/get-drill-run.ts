import "server-only";
import { can, type Role } from "../auth/permissions.ts";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import type { ClockSegment } from "./drill-clock.ts";
import { fleetConnectivity } from "./drill-fleet.ts";
import { drillSummarySelect, toDrillRunSummary } from "./drill-run-view.ts";
import type { Inject, Scenario } from "./scenario-schema.ts";
import type { DrillRunView, DrillScore } from "./views.ts";

/** GET /drills/:id — the run as the drill page shows it; null when there is no such run. */
export async function getDrillRun(
  id: string,
  viewer: { canControl: boolean },
  db?: Db,
): Promise<DrillRunView | null> {
  const client = db ?? (await getDb());
  const r = await client.drillRun.findUnique({
    where: { id },
    select: {
      ...drillSummarySelect,
      pausedAt: true,
      endReason: true,
      facilitatorNotes: true,
      participants: {
        select: { userId: true, role: true, user: { select: { name: true } } },
        orderBy: { addedAt: "asc" },
      },
      injects: { orderBy: { index: "asc" } },
      incidents: {
        select: { id: true, key: true, title: true, status: true, severity: true },
        orderBy: { openedAt: "asc" },
      },
      entries: { orderBy: { id: "asc" } },
      _count: { select: { hosts: true } },
    },
  });
  if (!r) return null;
  const scenario = r.scenario as unknown as Scenario;
  const total = r._count.hosts;
  // The fleet knows which of its agents it stopped; without one (ended) nobody is online.
  const live = fleetConnectivity(r.id);
  return {
    ...toDrillRunSummary(r),
    clockSegments: r.clockSegments as unknown as ClockSegment[],
    pausedAt: r.status === "paused" ? (r.pausedAt?.toISOString() ?? null) : null,
    endReason: r.endReason,
    facilitatorNotes: r.facilitatorNotes,
    objectives: scenario.objectives,
    participants: r.participants.map((p) => ({
      userId: p.userId,
      name: p.user.name,
      role: p.role,
    })),
    injects: r.injects.map((i) => {
      const spec = i.spec as unknown as Inject;
      return {
        index: i.index,
        id: spec.id,
        kind: spec.kind,
        label: spec.label ?? (spec.kind === "message" ? spec.text.slice(0, 200) : spec.kind),
        atSeconds: i.atSeconds,
        status: i.status,
        firedAt: i.firedAt?.toISOString() ?? null,
        error: i.error,
      };
    }),
    incidents: r.incidents,
    hosts: live
      ? {
          total,
          online: Math.min(total, live.online),
          offline: total - Math.min(total, live.online),
        }
      : { total, online: 0, offline: total },
    entries: r.entries.map((e) => ({
      id: String(e.id),
      at: e.at.toISOString(),
      elapsedMs: e.elapsedMs,
      type: e.type,
      actorLabel: e.actorLabel,
      summary: e.summary,
    })),
    score: (r.score as unknown as DrillScore | null) ?? null,
    canControl: viewer.canControl,
  };
}

/** The route's call: 404 for an unknown run; control only for drills:run. */
export async function getDrillRunForUser(id: string, user: { role: Role }, db?: Db) {
  const view = await getDrillRun(id, { canControl: can(user.role, "drills:run") }, db);
  if (!view) throw new AppError("not_found", "No such drill run.");
  return view;
}
