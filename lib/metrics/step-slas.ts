import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { incidentWhere } from "./incident-filter.ts";
import type { MetricsFilter } from "./schemas.ts";

export type StepSla = {
  playbook: string;
  step: string;
  title: string;
  runs: number;
  breaches: number;
  escalated: number;
  escalations: number;
};

/** Where the team is slow: per playbook step, how often its SLA was breached and escalated. */
export async function getStepSlas(f: MetricsFilter, db?: Db): Promise<StepSla[]> {
  db ??= await getDb();
  const where = incidentWhere(f);
  return db.$queryRawUnsafe<StepSla[]>(
    `SELECT pr.slug AS playbook, s.key AS step, min(s.title) AS title, count(*)::int AS runs,
            count(s."breachedAt")::int AS breaches,
            (count(*) FILTER (WHERE s."escalationLevel" > 0))::int AS escalated,
            coalesce(sum(s."escalationLevel"), 0)::int AS escalations
       FROM "Incident" i
       JOIN "PlaybookRun" pr ON pr."incidentId" = i.id
       JOIN "StepRun" s ON s."runId" = pr.id
      WHERE ${where.sql}
      GROUP BY pr.slug, s.key
     HAVING count(s."breachedAt") > 0 OR sum(s."escalationLevel") > 0
      ORDER BY breaches DESC, escalations DESC, pr.slug, s.key
      LIMIT 20`,
    ...where.params,
  );
}
