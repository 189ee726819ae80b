import "server-only";
import { CONTAINMENT_TYPES } from "../commands/config.ts";
import { type Db, getDb } from "../db/index.ts";
import { incidentWhere } from "./incident-filter.ts";
import type { MetricsFilter } from "./schemas.ts";

const CONTAINMENT = [...CONTAINMENT_TYPES];

/** One incident as the metrics see it: every timestamp the four figures come from. */
export type IncidentMetricsRow = {
  id: string;
  key: string;
  title: string;
  severity: string;
  status: string;
  pluginName: string | null;
  playbook: string | null;
  playbookVersion: number | null;
  drill: boolean;
  hostCount: number;
  firstObservedAt: Date | null;
  openedAt: Date;
  acknowledgedAt: Date | null;
  containmentVerifiedAt: Date | null;
  containedAt: Date | null;
  firstRecoveredAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  containmentCommands: number;
  /** Where MTTC comes from: agents' receipts, a person's "contained" click, or nothing yet. */
  containmentBasis: "receipts" | "transition" | null;
  mttdSeconds: number | null;
  mttaSeconds: number | null;
  mttcSeconds: number | null;
  mttrSeconds: number | null;
};

type Raw = Omit<
  IncidentMetricsRow,
  "containmentBasis" | "mttdSeconds" | "mttaSeconds" | "mttcSeconds" | "mttrSeconds"
>;

const secondsBetween = (a: Date | null, b: Date | null) =>
  a && b ? Math.max(0, (b.getTime() - a.getTime()) / 1000) : null;

/** MTTC from receipts when the incident issued containment commands; only when it issued
 *  none does the "contained" transition count, and the row says so. */
export function deriveMetrics(r: Raw): IncidentMetricsRow {
  const byReceipts = r.containmentCommands > 0;
  const containedAt = byReceipts ? r.containmentVerifiedAt : r.containedAt;
  return {
    ...r,
    containmentBasis: containedAt ? (byReceipts ? "receipts" : "transition") : null,
    // Clock skew on a host can put observedAt after the server opened the incident.
    mttdSeconds: secondsBetween(r.firstObservedAt, r.openedAt),
    mttaSeconds: secondsBetween(r.openedAt, r.acknowledgedAt),
    mttcSeconds: secondsBetween(r.openedAt, containedAt),
    mttrSeconds: secondsBetween(r.openedAt, r.firstRecoveredAt),
  };
}

/** Incidents opened in the filter's window, oldest first. A reopened incident counts by its
 *  first cycle: first acknowledgement, first containment, first recovery; reopens are counted. */
export async function listIncidentMetrics(
  f: MetricsFilter | { incidentId: string },
  db?: Db,
): Promise<IncidentMetricsRow[]> {
  db ??= await getDb();
  const where = incidentWhere(f, { first: 2 });
  const rows = await db.$queryRawUnsafe<Raw[]>(
    `SELECT i.id, i.key, i.title, i.severity::text AS severity, i.status::text AS status, i."pluginName", i.drill,
            i."openedAt", i."acknowledgedAt", i."containmentVerifiedAt", i."containedAt", i."closedAt",
            run.slug AS playbook, run.version AS "playbookVersion",
            (SELECT count(*) FROM "IncidentHost" h WHERE h."incidentId" = i.id)::int AS "hostCount",
            (SELECT min(e."observedAt") FROM "Event" e WHERE e."incidentId" = i.id) AS "firstObservedAt",
            (SELECT min(t.at) FROM "TimelineEntry" t WHERE t."incidentId" = i.id AND t.type = 'status.recovered') AS "firstRecoveredAt",
            (SELECT count(*) FROM "TimelineEntry" t WHERE t."incidentId" = i.id AND t.type = 'status.open')::int AS "reopenCount",
            (SELECT count(*) FROM "Command" c WHERE c."incidentId" = i.id AND c.type::text = ANY($1::text[]) AND c.status <> 'cancelled')::int AS "containmentCommands"
       FROM "Incident" i
       LEFT JOIN LATERAL (SELECT pr.slug, pr.version FROM "PlaybookRun" pr WHERE pr."incidentId" = i.id ORDER BY pr."startedAt" LIMIT 1) run ON true
      WHERE ${where.sql}
      ORDER BY i."openedAt", i.key`,
    CONTAINMENT,
    ...where.params,
  );
  return rows.map(deriveMetrics);
}
