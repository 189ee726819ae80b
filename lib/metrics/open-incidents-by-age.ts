import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { incidentWhere } from "./incident-filter.ts";
import type { MetricsFilter } from "./schemas.ts";

export const AGE_BUCKETS = ["< 1 h", "1–4 h", "4–24 h", "1–7 d", "> 7 d"] as const;
export const OPEN_STATUSES = ["open", "acknowledged", "contained"] as const;
export type OpenByAge = {
  age: (typeof AGE_BUCKETS)[number];
  open: number;
  acknowledged: number;
  contained: number;
}[];

/** Incidents not yet recovered, right now, by status and age. The time range does not
 *  apply (an incident opened long ago and still open is exactly what to see); the other
 *  filters do. */
export async function getOpenIncidentsByAge(
  f: MetricsFilter,
  now: Date,
  db?: Db,
): Promise<OpenByAge> {
  db ??= await getDb();
  const where = incidentWhere(f, { window: false, first: 2 });
  const rows = await db.$queryRawUnsafe<{ status: string; bucket: number; n: number }[]>(
    `SELECT i.status::text AS status,
            CASE WHEN age < interval '1 hour' THEN 0 WHEN age < interval '4 hours' THEN 1
                 WHEN age < interval '1 day' THEN 2 WHEN age < interval '7 days' THEN 3 ELSE 4 END AS bucket,
            count(*)::int AS n
       FROM (SELECT i.*, ($1::timestamptz - i."openedAt") AS age FROM "Incident" i) i
      WHERE i.status IN ('open', 'acknowledged', 'contained') AND ${where.sql}
      GROUP BY 1, 2`,
    now,
    ...where.params,
  );
  const out: OpenByAge = AGE_BUCKETS.map((age) => ({
    age,
    open: 0,
    acknowledged: 0,
    contained: 0,
  }));
  for (const r of rows) out[r.bucket][r.status as (typeof OPEN_STATUSES)[number]] = r.n;
  return out;
}
