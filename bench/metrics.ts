// npm run bench:metrics [-- --incidents 10000 --events 1000000 --runs 20] [-- --pglite --events 100000]
// Metrics benchmark (issue 13): seeds a fresh PostgreSQL database set-based, then times every
// query behind the metrics page for a 90-day range, each `--runs` times (p50/p95), and the
// whole page's data through the production build (`next start`, GET /api/v1/metrics/dashboard,
// signed in as an admin). With --pglite: the same queries on the embedded database, in process.
// Loopback only; drops its database afterwards. Results go to stdout as JSON.
import crypto from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { connectDatabase, type Database } from "../lib/db/connect.ts";
import { useDatabase } from "../lib/db/index.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { getCommandOutcomes } from "../lib/metrics/command-outcomes.ts";
import { getContainmentCurve } from "../lib/metrics/containment-curve.ts";
import { getMetricsDashboard } from "../lib/metrics/get-metrics-dashboard.ts";
import { listIncidentMetrics } from "../lib/metrics/list-incident-metrics.ts";
import { getOpenIncidentsByAge } from "../lib/metrics/open-incidents-by-age.ts";
import { metricsQuery, previousPeriod } from "../lib/metrics/schemas.ts";
import { getStepSlas } from "../lib/metrics/step-slas.ts";
import {
  createDatabase,
  ensureProductionBuild,
  startServer,
} from "../test/reliability/support/harness.ts";
import { seedMetricsData } from "./metrics-seed.ts";

const { values: args } = parseArgs({
  options: {
    incidents: { type: "string", default: "10000" },
    events: { type: "string" },
    hosts: { type: "string", default: "2000" },
    runs: { type: "string", default: "20" },
    port: { type: "string", default: "3308" },
    pglite: { type: "boolean", default: false },
    "database-url": {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const RUNS = Number(args.runs);
const EVENTS = Number(args.events ?? (args.pglite ? 100_000 : 1_000_000));
setTimeout(() => {
  console.error("bench: hard time limit reached, exiting");
  process.exit(3);
}, 20 * 60_000).unref();

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
const round = (x: number) => Math.round(x * 10) / 10;

async function time(label: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up: plan cache, buffers
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  const r = {
    query: label,
    p50: round(pct(ms, 0.5)),
    p95: round(pct(ms, 0.95)),
    max: round(Math.max(...ms)),
  };
  console.error(`${label.padEnd(28)} p50 ${r.p50} ms  p95 ${r.p95} ms`);
  return r;
}

async function queries(database: Database) {
  useDatabase(database);
  const db = database.prisma;
  const f = metricsQuery.parse({ range: "90d", tz: "Europe/Berlin" });
  const now = new Date();
  return [
    await time("incident rows (90 d)", () => listIncidentMetrics(f, db)),
    await time("incident rows (previous)", () => listIncidentMetrics(previousPeriod(f), db)),
    await time("containment curve", () => getContainmentCurve(f, db)),
    await time("SLA breaches by step", () => getStepSlas(f, db)),
    await time("open incidents by age", () => getOpenIncidentsByAge(f, now, db)),
    await time("command outcomes", () => getCommandOutcomes(f, db)),
    await time("whole dashboard (in process)", () =>
      getMetricsDashboard({ range: "90d", tz: "Europe/Berlin" }, db),
    ),
  ];
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/metrics` }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("bw.session="));
  if (!session) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return session;
}

async function main() {
  const seed = {
    incidents: Number(args.incidents),
    events: EVENTS,
    hosts: Number(args.hosts),
    days: 120,
  };
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadavg: os.loadavg(),
  };
  if (args.pglite) {
    const database = await connectDatabase({ kind: "pglite" });
    await applyMigrations(database.sql);
    const t = performance.now();
    await seedMetricsData(database.sql, seed);
    const seedMs = Math.round(performance.now() - t);
    const results = await queries(database);
    await database.close();
    console.log(
      JSON.stringify(
        {
          backend: "pglite",
          seed,
          seedMs,
          machine: { ...machine, loadavgAfter: os.loadavg() },
          results,
        },
        null,
        2,
      ),
    );
    return;
  }
  const created = await createDatabase(args["database-url"]!, "bw_bench_metrics");
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const database = await connectDatabase({ kind: "postgres", url: created.url });
    await applyMigrations(database.sql);
    const pgVersion = (await database.sql.query<{ v: string }>("SHOW server_version"))[0].v;
    const t = performance.now();
    await seedMetricsData(database.sql, seed);
    const seedMs = Math.round(performance.now() - t);
    const results = await queries(database);
    await database.close();
    ensureProductionBuild();
    const email = "bench@metrics.test";
    const password = crypto.randomBytes(12).toString("base64url");
    server = await startServer({
      port: Number(args.port),
      databaseUrl: created.url,
      env: { BREAKWATER_ADMIN_EMAIL: email, BREAKWATER_ADMIN_PASSWORD: password },
      timeoutMs: 120_000,
    });
    const cookie = await signIn(server.url, email, password);
    const page = await time("page data over HTTP", async () => {
      const r = await fetch(
        `${server!.url}/api/v1/metrics/dashboard?range=90d&tz=Europe%2FBerlin`,
        { headers: { cookie } },
      );
      if (r.status !== 200) throw new Error(`dashboard answered ${r.status}: ${await r.text()}`);
      await r.arrayBuffer();
    });
    console.log(
      JSON.stringify(
        {
          backend: "postgres",
          pgVersion,
          seed,
          seedMs,
          machine: { ...machine, loadavgAfter: os.loadavg() },
          results: [...results, page],
        },
        null,
        2,
      ),
    );
  } finally {
    await server?.stop();
    await created.drop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
