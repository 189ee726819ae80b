// Set-based seeding for bench:metrics: N incidents and M events in a handful of INSERT …
// SELECT statements over generate_series, so 1,000,000 events take seconds, not minutes.
// Shapes follow a real quarter: 10 % drills, 70 % of incidents contained by commands (one per
// affected host, ~3 % rejected or expired), 80 % recovered, 3 % reopened, breached steps.
import type { SqlRunner } from "../lib/db/sql-runner.ts";

export async function seedMetricsData(
  sql: SqlRunner,
  o: { incidents: number; events: number; hosts: number; days: number },
) {
  const step = async (label: string, q: string) => {
    const t = performance.now();
    await sql.exec(q);
    console.error(`seed: ${label} in ${Math.round(performance.now() - t)} ms`);
  };
  await step(
    "hosts",
    `INSERT INTO "Host" (id, hostname, os, "agentVersion", "tokenHash", simulated)
    SELECT gen_random_uuid(), 'bench-' || g, 'linux', (ARRAY['1.4.0','1.5.2','2.0.1'])[1 + g % 3], md5(g::text) || md5('h' || g), true
      FROM generate_series(1, ${o.hosts}) g`,
  );
  // Slugs of their own, published from the UI: a 'file' row for a shipped slug with a made-up
  // hash makes the server refuse to start (published playbooks are immutable).
  await step(
    "playbook",
    `INSERT INTO "PlaybookVersion" (id, slug, version, title, "contentHash", content, definition, source)
    VALUES (gen_random_uuid(), 'bench-escape', 1, 'Bench escape', repeat('a', 64), '', '{}', 'ui'),
           (gen_random_uuid(), 'bench-violation', 1, 'Bench violation', repeat('b', 64), '', '{}', 'ui')`,
  );
  await step(
    "incidents",
    `INSERT INTO "Incident" (id, key, title, status, severity, "correlationKey", "pluginName", "detectedAt", "openedAt",
      "acknowledgedAt", "containedAt", "containmentVerifiedAt", "recoveredAt", "closedAt", "lastEventAt", "eventCount", drill)
    SELECT gen_random_uuid(), 'INC-B-' || lpad(g::text, 6, '0'), 'Bench incident ' || g,
           (CASE WHEN g % 10 < 8 THEN 'recovered' WHEN g % 10 = 8 THEN 'acknowledged' ELSE 'open' END)::"IncidentStatus",
           (ARRAY['low','medium','high','critical'])[1 + g % 4]::"Severity", 'bench:' || g, 'plugin-' || (g % 40),
           o - interval '40 seconds', o,
           CASE WHEN g % 10 < 9 THEN o + (30 + g % 600) * interval '1 second' END,
           CASE WHEN g % 10 < 8 AND g % 7 = 0 THEN o + (600 + g % 1800) * interval '1 second' END,
           CASE WHEN g % 10 < 8 AND g % 7 <> 0 THEN o + (300 + g % 2400) * interval '1 second' END,
           CASE WHEN g % 10 < 8 THEN o + (3600 + g % 36000) * interval '1 second' END,
           NULL, o, ${Math.floor(o.events / o.incidents)}, g % 10 = 9
      FROM (SELECT g, now() - (g::float8 / ${o.incidents}) * interval '${o.days} days' AS o FROM generate_series(1, ${o.incidents}) g) s`,
  );
  await step(
    "incident hosts",
    `WITH hh AS MATERIALIZED (SELECT id, row_number() OVER (ORDER BY hostname) AS m FROM "Host"),
         ii AS (SELECT id, "openedAt", row_number() OVER (ORDER BY key) AS n FROM "Incident")
    INSERT INTO "IncidentHost" ("incidentId", "hostId", "firstSeenAt", "lastSeenAt", "eventCount")
    SELECT ii.id, hh.id, ii."openedAt", ii."openedAt", 1
      FROM ii CROSS JOIN LATERAL generate_series(0, (ii.n % 4)::int + 1) k
      JOIN hh ON hh.m = 1 + (ii.n * 7) % ${o.hosts - 6} + k`,
  );
  await step(
    "events",
    `INSERT INTO "Event" ("hostId", "eventId", type, "observedAt", severity, "pluginName", "contentHash", "incidentId")
    SELECT ih."hostId", gen_random_uuid(), 'sandbox_escape_attempt', ih."firstSeenAt" - interval '40 seconds' + (g % 600) * interval '1 second', 'high', 'plugin', md5(g::text || ih."hostId"), ih."incidentId"
      FROM (SELECT *, row_number() OVER () AS r FROM "IncidentHost") ih
      JOIN LATERAL generate_series(1, ceil(${o.events}::float8 / (SELECT count(*) FROM "IncidentHost"))::int) g ON true
     LIMIT ${o.events}`,
  );
  await step(
    "timeline",
    `INSERT INTO "TimelineEntry" ("incidentId", at, type, "actorType", "actorLabel", source, summary)
    SELECT id, "recoveredAt", 'status.recovered', 'user', 'bench', 'console', 'Recovered' FROM "Incident" WHERE "recoveredAt" IS NOT NULL
    UNION ALL SELECT id, "openedAt", 'incident.opened', 'system', 'system', 'ingest', 'Opened' FROM "Incident"
    UNION ALL SELECT id, "recoveredAt" + interval '1 hour', 'status.open', 'user', 'bench', 'console', 'Reopened' FROM "Incident" WHERE "recoveredAt" IS NOT NULL AND key LIKE '%3'`,
  );
  await step(
    "commands",
    `WITH r AS (
      INSERT INTO "CommandRequest" (id, type, params, comment, "incidentId", "requestedByLabel", "requestedAt", "hostCount", approval)
      SELECT gen_random_uuid(), 'revoke_permissions', '{}', 'bench', id, 'bench', "openedAt" + interval '1 minute', 1, 'not_required'
        FROM "Incident" WHERE "containmentVerifiedAt" IS NOT NULL OR status = 'acknowledged' RETURNING id, "incidentId")
    INSERT INTO "Command" (id, "requestId", "hostId", "incidentId", type, params, status, "createdAt", "succeededAt", "failedAt", "expiredAt")
    SELECT gen_random_uuid(), r.id, ih."hostId", r."incidentId", 'revoke_permissions', '{}',
           (CASE WHEN i."containmentVerifiedAt" IS NULL THEN 'failed' WHEN abs(hashtext(ih."hostId")) % 50 = 0 THEN 'expired' ELSE 'succeeded' END)::"CommandStatus",
           i."openedAt", CASE WHEN i."containmentVerifiedAt" IS NOT NULL THEN i."openedAt" + (abs(hashtext(ih."hostId")) % greatest(1, extract(epoch FROM i."containmentVerifiedAt" - i."openedAt")::int)) * interval '1 second' END,
           CASE WHEN i."containmentVerifiedAt" IS NULL THEN i."openedAt" + interval '2 minutes' END, NULL
      FROM r JOIN "Incident" i ON i.id = r."incidentId" JOIN "IncidentHost" ih ON ih."incidentId" = r."incidentId"`,
  );
  await step(
    "receipts",
    `INSERT INTO "CommandReceipt" ("commandId", status, at, reason)
    SELECT id, 'rejected', "failedAt", 'unknown kid' FROM "Command" WHERE status = 'failed' AND abs(hashtext(id)) % 3 = 0`,
  );
  await step(
    "runs and steps",
    `WITH runs AS (
      INSERT INTO "PlaybookRun" (id, "incidentId", "versionId", slug, version, "contentHash", definition, "startedAt")
      SELECT gen_random_uuid(), i.id, v.id, v.slug, 1, v."contentHash", '{}', i."openedAt"
        FROM "Incident" i JOIN "PlaybookVersion" v ON v.slug = CASE WHEN i.key LIKE '%7' THEN 'bench-violation' ELSE 'bench-escape' END
      RETURNING id, "startedAt")
    INSERT INTO "StepRun" (id, "runId", key, kind, title, status, "breachedAt", "escalationLevel")
    SELECT gen_random_uuid(), runs.id, 'step-' || s, 'task', (ARRAY['Triage','Assign commander','Contain','Notify','Collect','Review','Recover','Close'])[s], 'done',
           CASE WHEN abs(hashtext(runs.id || s)) % 10 = 0 THEN runs."startedAt" + interval '15 minutes' END,
           CASE WHEN abs(hashtext(runs.id || s)) % 20 = 0 THEN 1 ELSE 0 END
      FROM runs CROSS JOIN generate_series(1, 8) s`,
  );
  await step("analyze", `ANALYZE`);
}
