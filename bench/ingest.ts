// npm run bench:ingest [-- --hosts 40 --concurrency 4 --seconds 15 --preload 10000000]
// Ingest benchmark (issue 3): the production build on a fresh PostgreSQL database, a fleet
// enrolled by the reference agent, the real HTTP API; in the same run a raw `unnest` insert
// of the same rows (no HTTP, no validation, no correlation) as the physical ceiling.
// Loopback only, bounded in time and count, cleans up after itself. Results: stdout and
// bench/results/ingest-<time>.json; docs/BENCHMARKS.md records them with the machine.

import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { HostAgent } from "../agent/host-agent.ts";
import { EventSource } from "../agent/scenarios.ts";
import {
  createDatabase,
  ensureProductionBuild,
  insertEnrollmentToken,
  startServer,
} from "../test/reliability/support/harness.ts";
import { ceiling, closedLoop, type Host, makeBatches, openLoop, round } from "./ingest-load.ts";
import { preloadEvents } from "./ingest-preload.ts";

const { values: args } = parseArgs({
  options: {
    hosts: { type: "string", default: "40" },
    concurrency: { type: "string", default: "4" },
    seconds: { type: "string", default: "15" },
    port: { type: "string", default: "3309" },
    profile: { type: "boolean", default: false },
    // Events stored in SQL before a second sustained phase (e.g. 10000000); 0 skips it.
    preload: { type: "string", default: "0" },
    "database-url": {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const HOSTS = Number(args.hosts);
const CONCURRENCY = Number(args.concurrency);
const SECONDS = Number(args.seconds);
const PRELOAD = Number(args.preload);
const BATCH = 500;
// Ten minutes, plus the preload's time at a pessimistic 20k rows/s (10M: about 8 more minutes).
const HARD_LIMIT_MS = 10 * 60_000 + PRELOAD / 20;
setTimeout(() => {
  console.error("bench: hard time limit reached, exiting");
  process.exit(3);
}, HARD_LIMIT_MS).unref();

function machine(pgVersion: string) {
  const cpu =
    fs.readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.+)/)?.[1] ??
    os.cpus()[0]?.model ??
    "unknown";
  return {
    nproc: Number(execSync("nproc").toString().trim()),
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    cpu,
    node: process.version,
    postgres: pgVersion,
    loadAverage: os.loadavg().map((x) => round(x, 2)),
  };
}

async function main() {
  console.log(`[bench] building (if needed) and starting the production server…`);
  ensureProductionBuild();
  const db = await createDatabase(args["database-url"]!, "bw_bench");
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "bw-bench-fleet-"));
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    // --profile: a V8 CPU profile of the server (written when it exits) to find the hot path.
    server = await startServer({
      port: Number(args.port),
      databaseUrl: db.url,
      env: { BREAKWATER_LOG_LEVEL: "error" },
      nodeArgs: args.profile
        ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve("bench/results/profile")}`]
        : [],
    });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const pgVersion = (
      await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")
    ).rows[0].v;
    await client.end();
    const loadBefore = os.loadavg().map((x) => round(x, 2));

    // The reference fleet: each host enrolls through the agent (real /enroll, real credential).
    const token = await insertEnrollmentToken(db.url, HOSTS, "bench");
    const hosts: Host[] = [];
    const ac = new AbortController();
    for (let i = 0; i < HOSTS; i++) {
      const agent = await HostAgent.open({
        server: server.url,
        stateDir: path.join(stateDir, `host-${i}`),
        enrollmentToken: token,
        hostname: `bench-${String(i).padStart(4, "0")}`,
      });
      const cred = await agent.enroll(ac.signal);
      await agent.reportInventory(ac.signal);
      hosts.push({
        id: cred.hostId,
        token: cred.hostToken,
        source: new EventSource(i % 4 === 0 ? "escape" : "violation", agent.inventory),
      });
      await agent.close();
    }
    console.log(`[bench] enrolled ${hosts.length} hosts; generating batches…`);

    const maxMs = SECONDS * 1000;
    // Enough batches that the closed loops end by time, not by running out.
    const sustainedBatches = makeBatches(hosts, Math.ceil((60_000 * SECONDS) / BATCH), BATCH);
    await closedLoop(server.url, makeBatches(hosts, 10, BATCH), CONCURRENCY, 30_000); // warm-up: JIT, pools, plans

    console.log(
      `[bench] sustained, ${BATCH}-event batches, ${CONCURRENCY} concurrent, ≤ ${SECONDS}s…`,
    );
    const sustained = await closedLoop(server.url, sustainedBatches, CONCURRENCY, maxMs);
    const sent = sustainedBatches.slice(0, sustained.requests);
    console.log(`[bench] ceiling: raw unnest insert of the same ${sustained.events} rows…`);
    const raw = await ceiling(db.url, sent, CONCURRENCY, maxMs * 2);

    // The fixed-load and one-event phases run at most 10 s whatever --seconds says.
    const short = Math.min(SECONDS, 10);
    const { url } = server;
    /** 10,000 events/s offered whether or not the server keeps up: `perSecond` batches of `size`. */
    const fixedLoad = (perSecond: number, size: number) => {
      console.log(
        `[bench] fixed offered load 10,000 events/s for ${short}s (${perSecond} × ${size}-event batches/s)…`,
      );
      return openLoop(url, makeBatches(hosts, perSecond * short, size), perSecond);
    };
    const open500 = await fixedLoad(20, 500);
    const open100 = await fixedLoad(100, 100);
    console.log(`[bench] 1 event per request, ${CONCURRENCY * 2} concurrent, ≤ ${short}s…`);
    const single = await closedLoop(
      url,
      makeBatches(hosts, 3000 * short, 1),
      CONCURRENCY * 2,
      short * 1000,
    );

    // The same sustained phase again with PRELOAD events already stored (fresh batches: new
    // ids, now-ish observedAt, so correlation joins today's incidents as before).
    let preloaded: Awaited<ReturnType<typeof preloadEvents>> | null = null;
    let sustainedPreloaded: Awaited<ReturnType<typeof closedLoop>> | null = null;
    if (PRELOAD > 0) {
      console.log(`[bench] preloading ${PRELOAD} events in SQL…`);
      preloaded = await preloadEvents(
        db.url,
        hosts.map((h) => h.id),
        PRELOAD,
        (s) => console.log(s),
      );
      console.log(`[bench] sustained again with ${PRELOAD} events stored…`);
      const again = makeBatches(hosts, Math.ceil((60_000 * SECONDS) / BATCH), BATCH);
      sustainedPreloaded = await closedLoop(server.url, again, CONCURRENCY, maxMs);
    }

    // Sanity: what the server said it accepted is what is in the table.
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    const stored = Number(
      (await check.query<{ n: string }>(`SELECT count(*) AS n FROM "Event"`)).rows[0].n,
    );
    await check.end();
    const acceptedTotal =
      sustained.events +
      open500.events +
      open100.events +
      single.events +
      10 * BATCH +
      (sustainedPreloaded?.events ?? 0) +
      (preloaded?.events ?? 0);

    const result = {
      at: new Date().toISOString(),
      command: `npm run bench:ingest -- --hosts ${HOSTS} --concurrency ${CONCURRENCY} --seconds ${SECONDS}${PRELOAD ? ` --preload ${PRELOAD}` : ""}`,
      machine: { ...machine(pgVersion), loadAverageBefore: loadBefore },
      hosts: HOSTS,
      concurrency: CONCURRENCY,
      sustained500: sustained,
      ceilingUnnest: raw,
      ratioToCeiling: round(sustained.eventsPerSecond / raw.eventsPerSecond, 2),
      fixed10kPerSecond500: open500,
      fixed10kPerSecond100: open100,
      oneEventPerRequest: single,
      // Present with --preload: the stored history, and the sustained phase run on top of it.
      preload: preloaded,
      sustained500Preloaded: sustainedPreloaded,
      preloadedToEmptyRatio: sustainedPreloaded
        ? round(sustainedPreloaded.eventsPerSecond / sustained.eventsPerSecond, 2)
        : null,
      storedEvents: stored,
      // Acknowledged by the server, plus the preloaded rows.
      acceptedEvents: acceptedTotal,
      goals: {
        sustained20k: sustained.eventsPerSecond >= 20_000,
        p99At10kUnder150ms: open500.p99 <= 150 && open100.p99 <= 150,
        ratioAtLeastHalf: sustained.eventsPerSecond / raw.eventsPerSecond >= 0.5,
      },
    };
    fs.mkdirSync("bench/results", { recursive: true });
    const file = path.join("bench/results", `ingest-${result.at.replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(file, JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
    console.log(`\n[bench] written to ${file}`);
    if (stored !== acceptedTotal) {
      console.error(
        `[bench] MISMATCH: the server accepted ${acceptedTotal} events but ${stored} are stored`,
      );
      process.exitCode = 1;
    }
  } finally {
    await server?.stop();
    await db.drop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error("[bench] failed:", e);
    process.exit(1);
  },
);
