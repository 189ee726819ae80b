// npm run bench:commands [-- --agents 1000 --port 3311 --group-commit-ms 2 --fleet --profile]
// Commands benchmark (issue 16): the production build (`next start` behind scripts/serve.mjs,
// as `npm start` runs it) on a fresh PostgreSQL database, dropped afterwards. N agents enrol
// through POST /enroll and park in GET /commands long-polls; a script holding an API token
// issues one kill_process to each host through POST /api/v1/commands (4 requests in flight);
// each agent verifies its envelope as the reference agent does and sends received then
// succeeded. Reports p50/p95/p99 from the issue request to the agent's 200 on `succeeded`, the
// requests/s the server answered in that time, lost and duplicated executions, the load
// average, and whether the audit chain verifies. Results: stdout and
// bench/results/commands-<time>.json; docs/BENCHMARKS.md records them with the machine.
// --fleet instead issues ONE command to every host in one request, the way a fleet-wide revoke
// goes: every agent wakes at once and all the receipts arrive together (the burst group commit
// is for); latency is then from that one request to each host's succeeded.
// --group-commit-ms sets BREAKWATER_GROUP_COMMIT_MS (documented env) to compare variants.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { signIn } from "../test/reliability/support/console-client.ts";
import {
  createDatabase,
  ensureProductionBuild,
  insertEnrollmentToken,
  startServer,
} from "../test/reliability/support/harness.ts";
import { call, counters, enrollFleet, type FleetStats, runAgent } from "./command-fleet.ts";

const { values: args } = parseArgs({
  options: {
    agents: { type: "string", default: "1000" },
    port: { type: "string", default: "3311" },
    "group-commit-ms": { type: "string" },
    fleet: { type: "boolean", default: false },
    // A V8 CPU profile of the server (written when it exits) to bench/results/profile/.
    profile: { type: "boolean", default: false },
    "database-url": {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const N = Number(args.agents);
// The server is stopped before exiting so that --profile still writes its profile.
let stopServer: (() => Promise<void>) | null = null;
// Parked long-polls (30 s) hold a graceful stop open; a profile is written only on a clean exit.
const graceMs = args.profile ? 45_000 : 10_000;
setTimeout(() => {
  console.error("bench: 15-minute hard limit reached, exiting");
  void Promise.race([stopServer?.(), new Promise((r) => setTimeout(r, graceMs + 5000))]).finally(
    () => process.exit(3),
  );
}, 15 * 60_000).unref();

const round = (x: number, d = 0) => Number(x.toFixed(d));
const pct = (xs: number[], p: number) =>
  xs.length ? xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] : NaN;
const load = () => os.loadavg().map((x) => round(x, 2));

/** Each parked long-poll is a socket on both sides (generator and server inherit this limit). */
function assertFdHeadroom() {
  const soft = Number(spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).stdout.trim());
  if (Number.isFinite(soft) && soft < N + 1024)
    throw new Error(`ulimit -n is ${soft}; ${N} agents need ≥ ${N + 1024} (raise it: ulimit -n)`);
}

/** Group commit's two counters from the server's Prometheus endpoint. */
async function groupCommitCounts(base: string, token: string) {
  const r = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
  const text = await r.text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
  return {
    transactions: read("breakwater_group_commit_transactions_total"),
    jobs: read("breakwater_group_commit_jobs_total"),
  };
}

async function main() {
  assertFdHeadroom();
  console.log(`[bench] building (if needed) the production server…`);
  ensureProductionBuild();
  const db = await createDatabase(args["database-url"]!, "bw_bench_cmd");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bw-bench-cmd-"));
  const admin = { email: "bench@commands.test", password: "bench-commands-pass" };
  const authSecret = crypto.randomBytes(32).toString("base64url");
  const metricsToken = crypto.randomBytes(24).toString("base64url");
  const env: Record<string, string> = {
    AUTH_SECRET: authSecret,
    BREAKWATER_DATA_DIR: dataDir,
    BREAKWATER_ADMIN_EMAIL: admin.email,
    BREAKWATER_ADMIN_PASSWORD: admin.password,
    BREAKWATER_LOG_LEVEL: "error",
    BREAKWATER_METRICS_TOKEN: metricsToken,
    // The four-eyes gate would hold all but the first 10 commands of one requester for a
    // second approver; this measures delivery, so the threshold is set past the fleet size.
    BREAKWATER_COMMAND_APPROVAL_THRESHOLD: String(N + 1),
    ...(args["group-commit-ms"] ? { BREAKWATER_GROUP_COMMIT_MS: args["group-commit-ms"] } : {}),
  };
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  const t00 = performance.now();
  let stop = false;
  try {
    server = await startServer({
      port: Number(args.port),
      databaseUrl: db.url,
      env,
      nodeArgs: args.profile
        ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve("bench/results/profile")}`]
        : [],
    });
    stopServer = () => server!.stop(graceMs);
    const base = server.url;
    // A script's credential, made the way a person makes one: signed in, POST /api/v1/api-tokens.
    const session = await signIn(base, admin.email, admin.password);
    const made = await call(
      base,
      "POST",
      "/api/v1/api-tokens",
      { cookie: session.cookie },
      {
        name: "bench script",
        scopes: ["commands:issue"],
        expiresInDays: 1,
      },
    );
    if (made.status !== 201) throw new Error(`api token: ${made.status} ${JSON.stringify(made)}`);
    const script = { authorization: `Bearer ${(made.body as { token: string }).token}` };

    console.log(
      `[bench] server up after ${round((performance.now() - t00) / 1000, 1)} s; enrolling ${N} agents through POST /enroll…`,
    );
    const hosts = await enrollFleet(base, await insertEnrollmentToken(db.url, N, "bench"), N);
    const s: FleetStats = {
      doneAt: new Map(),
      executions: new Map(),
      refused: [],
      receiptErrors: [],
      polling: 0,
    };
    const loops = hosts.map((h) => runAgent(base, h, s, () => stop));
    while (s.polling < N) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 3000)); // every long-poll parked on the server

    const loadBefore = load();
    const issuedAt = new Map<string, number>();
    const issueMs: number[] = [];
    const issueErrors: string[] = [];
    const reqBefore = counters.requests;
    const groupsBefore = await groupCommitCounts(base, metricsToken);
    const t0 = performance.now();
    console.log(`[bench] issuing one command to each host…`);
    // Progress every 10 s: a slowdown that grows with the commands already issued shows here.
    const progress = setInterval(() => {
      const sec = round((performance.now() - t0) / 1000);
      console.log(
        `[bench] ${sec} s: ${issuedAt.size} issued (${issueErrors.length} failed), ${s.doneAt.size} succeeded, ${counters.requests} requests, polls by status ${JSON.stringify(Object.fromEntries(counters.pollStatus))}, load ${load().join(" ")}`,
      );
    }, 10_000);
    let next = 0;
    if (args.fleet) {
      const start = performance.now();
      const r = await call(base, "POST", "/api/v1/commands", script, {
        type: "kill_process",
        params: { pid: 4242 },
        hostIds: hosts.map((h) => h.id),
        comment: "benchmark, fleet-wide",
      });
      if (r.status !== 201) issueErrors.push(`fleet: ${r.status} ${JSON.stringify(r.body)}`);
      else
        for (const id of (r.body as { commandIds: string[] }).commandIds) issuedAt.set(id, start);
      issueMs.push(performance.now() - start);
      next = hosts.length;
    }
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < hosts.length) {
          const h = hosts[next++];
          const start = performance.now();
          const r = await call(base, "POST", "/api/v1/commands", script, {
            type: "kill_process",
            params: { pid: 4242 },
            hostIds: [h.id],
            comment: "benchmark",
          }).catch((e: Error) => ({
            status: 0,
            body: `${e.message} after ${round(performance.now() - start)} ms`,
          }));
          if (r.status !== 201) {
            issueErrors.push(`${h.name}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
            continue;
          }
          issuedAt.set((r.body as { commandIds: string[] }).commandIds[0], start);
          issueMs.push(performance.now() - start);
        }
      }),
    );
    const deadline = Date.now() + 120_000;
    while (s.doneAt.size < issuedAt.size && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    clearInterval(progress);
    const wall = (performance.now() - t0) / 1000;
    const requests = counters.requests - reqBefore;
    const groupsAfter = await groupCommitCounts(base, metricsToken);
    const loadAfter = load();
    stop = true;

    const lat = [...s.doneAt.entries()]
      .map(([id, t]) => t - issuedAt.get(id)!)
      .sort((a, b) => a - b);
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    const dbStatus = (
      await check.query<{ status: string; n: number }>(
        `SELECT "status"::text AS status, count(*)::int AS n FROM "Command" GROUP BY 1`,
      )
    ).rows;
    const pgVersion = (
      await check.query<{ v: string }>("SELECT current_setting('server_version') AS v")
    ).rows[0].v;
    await check.end();
    const verify = spawnSync(
      process.execPath,
      [
        path.resolve("node_modules/tsx/dist/cli.mjs"),
        "--conditions=react-server",
        "scripts/bw.ts",
        "audit",
        "verify",
      ],
      { env: { ...process.env, ...env, DATABASE_URL: db.url }, encoding: "utf8" },
    );
    const duplicated = [...s.executions.values()].filter((n) => n > 1).length;
    const result = {
      at: new Date().toISOString(),
      command: `npm run bench:commands -- --agents ${N}${args["group-commit-ms"] ? ` --group-commit-ms ${args["group-commit-ms"]}` : ""}${args.fleet ? " --fleet" : ""}`,
      shape: args.fleet ? "one fleet-wide command" : "one command per host, 4 requests in flight",
      server: "production build (scripts/serve.mjs + Next), PostgreSQL",
      groupCommitMs: args["group-commit-ms"] ?? "default",
      machine: {
        nproc: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? "unknown",
        memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
        node: process.version,
        postgres: pgVersion,
      },
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAfter,
      agents: N,
      commands: issuedAt.size,
      succeededReceipts: s.doneAt.size,
      dbStatus: Object.fromEntries(dbStatus.map((r) => [r.status, r.n])),
      lost: issuedAt.size - s.doneAt.size + issueErrors.length,
      duplicatedExecutions: duplicated,
      refusedEnvelopes: s.refused.length,
      receiptErrors: s.receiptErrors.slice(0, 10),
      issueErrors: issueErrors.slice(0, 10),
      networkErrors: counters.networkErrors,
      issueCallP50ms: round(
        pct(
          [...issueMs].sort((a, b) => a - b),
          50,
        ),
      ),
      p50ms: round(pct(lat, 50)),
      p95ms: round(pct(lat, 95)),
      p99ms: round(pct(lat, 99)),
      maxms: round(lat[lat.length - 1] ?? NaN),
      wallSeconds: round(wall, 2),
      serverRequestsPerSecond: round(requests / wall),
      // Claims and receipts of the run (and the fleet's idle polls' claims): jobs per transaction.
      groupCommit: {
        transactions: groupsAfter.transactions - groupsBefore.transactions,
        jobs: groupsAfter.jobs - groupsBefore.jobs,
      },
      auditChain:
        verify.status === 0 ? verify.stdout.trim() : `FAILED: ${verify.stdout}${verify.stderr}`,
      goals: { p95UnderOneSecond: pct(lat, 95) <= 1000, p99UnderTwoSeconds: pct(lat, 99) <= 2000 },
    };
    fs.mkdirSync("bench/results", { recursive: true });
    const file = path.join("bench/results", `commands-${result.at.replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
    console.log(`\n[bench] written to ${file}`);
    if (result.lost || duplicated || s.refused.length || verify.status !== 0) process.exitCode = 1;
    // Parked polls end with the server; their loops see `stop` and return.
    await server.stop(graceMs);
    server = null;
    await Promise.race([Promise.allSettled(loops), new Promise((r) => setTimeout(r, 5000))]);
  } catch (e) {
    if (server) console.error(`[bench] server log (tail):\n${server.log().slice(-4000)}`);
    throw e;
  } finally {
    stop = true;
    await server?.stop(graceMs);
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error("[bench] failed:", e);
    process.exit(1);
  },
);
