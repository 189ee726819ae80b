import "server-only";
import { CONTAINMENT_TYPES } from "../commands/config.ts";
import { type Db, getDb } from "../db/index.ts";
import { incidentWhere } from "./incident-filter.ts";
import type { MetricsFilter } from "./schemas.ts";

export type CurvePoint = { minute: number; contained: number; share: number };
export type ContainmentCurve = { hosts: number; contained: number; points: CurvePoint[] };

/** For the selected incidents: the share of affected hosts whose first containment command
 *  succeeded (by the agent's receipt) within N minutes of the incident opening — the shape
 *  of a fleet revoke. The denominator is every affected host, contained or not. */
export async function getContainmentCurve(
  f: MetricsFilter | { incidentId: string },
  db?: Db,
): Promise<ContainmentCurve> {
  db ??= await getDb();
  const where = incidentWhere(f, { first: 2 });
  const all = incidentWhere(f);
  const [rows, totals] = await Promise.all([
    db.$queryRawUnsafe<{ seconds: number }[]>(
      `SELECT extract(epoch FROM (min(c."succeededAt") - i."openedAt"))::float8 AS seconds
         FROM "Incident" i JOIN "Command" c ON c."incidentId" = i.id
        WHERE ${where.sql} AND c.status = 'succeeded' AND c.type::text = ANY($1::text[])
        GROUP BY i.id, c."hostId", i."openedAt"`,
      [...CONTAINMENT_TYPES],
      ...where.params,
    ),
    db.$queryRawUnsafe<{ hosts: number }[]>(
      `SELECT count(*)::int AS hosts FROM "Incident" i JOIN "IncidentHost" h ON h."incidentId" = i.id WHERE ${all.sql}`,
      ...all.params,
    ),
  ]);
  return curveFrom(
    rows.map((r) => Math.max(0, r.seconds)),
    totals[0]?.hosts ?? 0,
  );
}

/** A step curve: one point per minute boundary where the count changed, starting at 0. */
export function curveFrom(secondsToContain: number[], hosts: number): ContainmentCurve {
  const minutes = secondsToContain.map((s) => Math.ceil(s / 60)).sort((a, b) => a - b);
  const points: CurvePoint[] = [{ minute: 0, contained: 0, share: 0 }];
  let n = 0;
  for (let i = 0; i < minutes.length; i++) {
    n++;
    if (i + 1 < minutes.length && minutes[i + 1] === minutes[i]) continue;
    const point = { minute: minutes[i], contained: n, share: hosts ? n / hosts : 0 };
    if (point.minute === 0) points[0] = point;
    else points.push(point);
  }
  return { hosts, contained: n, points };
}
