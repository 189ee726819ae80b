// `bench:ingest --preload N`: N events stored straight in SQL before the second sustained
// phase, so ingest is measured against a table (and its unique and secondary indexes) that
// already holds a fleet's history. Set-based (INSERT … SELECT generate_series) in chunks, one
// statement per chunk, spread over the enrolled hosts and the last 12 months.
import pg from "pg";

const CHUNK = 250_000;

export async function preloadEvents(
  databaseUrl: string,
  hostIds: string[],
  count: number,
  log: (s: string) => void,
): Promise<{ events: number; seconds: number; rowsPerSecond: number; tableMiB: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    for (let done = 0; done < count; done += CHUNK) {
      const n = Math.min(CHUNK, count - done);
      // Months back = g % 12, so every month holds a twelfth; hosts round-robin. Plugin events
      // without an incident: the history is detail, the incidents it made are long closed.
      await client.query(
        `INSERT INTO "Event" ("hostId", "eventId", "type", "observedAt", "receivedAt", "severity", "pluginName", "pluginVersion", "details", "contentHash")
         SELECT h.ids[1 + (g % h.n)], gen_random_uuid(), 'permission_violation', t.at, t.at, 'high',
                'preload-plugin', '1.0.0', jsonb_build_object('pid', g, 'permission', 'fs.write'), md5(g::text)
         FROM generate_series($2::bigint + 1, $2::bigint + $3::bigint) AS g,
              (SELECT $1::text[] AS ids, cardinality($1::text[]) AS n) h,
              LATERAL (SELECT now() - make_interval(months => (g % 12)::int, secs => (g % 2592000)::double precision) AS at) t`,
        [hostIds, done, n],
      );
      log(`[bench] preloaded ${done + n} of ${count} events`);
    }
    // Fresh statistics, as autovacuum would have after months of ingest.
    await client.query(`VACUUM ANALYZE "Event"`);
    const seconds = (performance.now() - started) / 1000;
    const size = await client.query<{ b: string }>(`SELECT pg_total_relation_size('"Event"') AS b`);
    return {
      events: count,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(count / seconds),
      tableMiB: Math.round(Number(size.rows[0].b) / 2 ** 20),
    };
  } finally {
    await client.end();
  }
}
