import "server-only";
import { type Db, getDb } from "../db/index.ts";
import { incidentWhere } from "./incident-filter.ts";
import type { MetricsFilter } from "./schemas.ts";

export const OUTCOMES = ["succeeded", "failed", "rejected", "expired"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type OutcomeCounts = Record<Outcome, number>;
export type CommandOutcomes = {
  byType: ({ type: string } & OutcomeCounts)[];
  byAgentVersion: ({ agentVersion: string } & OutcomeCounts)[];
};

/** Finished commands of the selected incidents by type and by the host's agent version. A
 *  "rejected" command is a failed one whose agent refused it (a rejected receipt). The agent
 *  version is the host's current one. */
export async function getCommandOutcomes(f: MetricsFilter, db?: Db): Promise<CommandOutcomes> {
  db ??= await getDb();
  const where = incidentWhere(f);
  const rows = await db.$queryRawUnsafe<
    { type: string; agentVersion: string; outcome: Outcome; n: number }[]
  >(
    `SELECT c.type::text AS type, h."agentVersion",
            CASE WHEN c.status = 'failed' AND EXISTS (SELECT 1 FROM "CommandReceipt" r WHERE r."commandId" = c.id AND r.status = 'rejected') THEN 'rejected'
                 ELSE c.status::text END AS outcome,
            count(*)::int AS n
       FROM "Incident" i
       JOIN "Command" c ON c."incidentId" = i.id
       JOIN "Host" h ON h.id = c."hostId"
      WHERE ${where.sql} AND c.status IN ('succeeded', 'failed', 'expired')
      GROUP BY 1, 2, 3`,
    ...where.params,
  );
  const empty = (): OutcomeCounts => ({ succeeded: 0, failed: 0, rejected: 0, expired: 0 });
  const byType = new Map<string, OutcomeCounts>();
  const byVersion = new Map<string, OutcomeCounts>();
  for (const r of rows) {
    const t = byType.get(r.type) ?? empty();
    t[r.outcome] += r.n;
    byType.set(r.type, t);
    const v = byVersion.get(r.agentVersion) ?? empty();
    v[r.outcome] += r.n;
    byVersion.set(r.agentVersion, v);
  }
  return {
    byType: [...byType]
      .map(([type, c]) => ({ type, ...c }))
      .sort((a, b) => a.type.localeCompare(b.type)),
    byAgentVersion: [...byVersion]
      .map(([agentVersion, c]) => ({ agentVersion, ...c }))
      .sort((a, b) => a.agentVersion.localeCompare(b.agentVersion)),
  };
}
