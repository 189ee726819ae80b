import "server-only";
import type { MetricsFilter } from "./schemas.ts";

/** The WHERE clause every metrics query shares, over `"Incident" i`, with its parameters
 *  numbered from `first`. Kept in one place so every card and chart counts the same incidents. */
export function incidentWhere(
  f: MetricsFilter | { incidentId: string },
  opts: { first?: number; window?: boolean } = {},
) {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${(opts.first ?? 1) + params.length - 1}`;
  };
  if ("incidentId" in f) return { sql: `i.id = ${p(f.incidentId)}`, params };
  const and: string[] = [];
  if (opts.window !== false)
    and.push(
      `i."openedAt" >= ${p(f.from)}::timestamptz AND i."openedAt" < ${p(f.to)}::timestamptz`,
    );
  // A duplicate merged into another incident is part of that one, not a second incident:
  // counting it would double the count and add a close nobody worked towards.
  and.push(`i."mergedIntoId" IS NULL`);
  if (f.drills === "exclude") and.push(`i.drill = false`);
  if (f.drills === "only") and.push(`i.drill = true`);
  if (f.severity) and.push(`i.severity::text = ANY(${p(f.severity)}::text[])`);
  if (f.plugin) and.push(`i."pluginName" = ${p(f.plugin)}`);
  if (f.playbook)
    and.push(
      `EXISTS (SELECT 1 FROM "PlaybookRun" pr WHERE pr."incidentId" = i.id AND pr.slug = ${p(f.playbook)})`,
    );
  return { sql: and.length ? and.join(" AND ") : "true", params };
}
