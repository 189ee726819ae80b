// npm run bench:ingest [-- --hosts 40 --concurrency 4 --seconds 15]
// Ingest benchmark (issue 3): the production build on a fresh PostgreSQL database, a fleet
// enrolled by the reference agent, the real HTTP API; in the same run a raw `unnest` insert
// of the same rows (no HTTP, no validation, no correlation) as the physical ceiling.
// Loopback only, bounded in time and count, cleans up after itself. Results: stdout and
// bench/results/ingest-<time>.json; docs/BENCHMARKS.md records them with the machine.

import { execSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { HostAgent } from "../agent/host-agent.ts";
import { callAgentApi } from "../agent/http-client.ts";
import { EventSource } from "../agent/scenarios.ts";
import type { WireEvent } from "../lib/protocol/events.ts";
import {
  createDatabase,
  ensureProductionBuild,
  insertEnrollmentToken,
  startServer,
} from "../test/reliability/support/harness.ts";

const { values: args } = parseArgs({
  options: {
    hosts: { type: "string", default: "40" },
    concurrency: { type: "string", default: "4" },
    seconds: { type: "string", default: "15" },
    port: { type: "string", default: "3309" },
    profile: { type: "boolean", default: false },
    "database-url": {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const HOSTS = Number(args.hosts);
const CONCURRENCY = Number(args.concurrency);
const SECONDS = Number(args.seconds);
const BATCH = 500;
const HARD_LIMIT_MS = 10 * 60_000;
setTimeout(() => {
  console.error("bench: hard time limit reached, exiting");
  process.exit(3);
}, HARD_LIMIT_MS).unref();

type Host = { id: string; token: string; source: EventSource };
type Batch = { host: Host; events: WireEvent[]; body: string };

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function makeBatches(hosts: Host[], count: number, size: number): Batch[] {
  const out: Batch[] = [];
  for (let i = 0; i < count; i++) {
    const host = hosts[i % hosts.length];
    const now = Date.now();
    const events = Array.from({ length: size }, () => host.source.make(now)!); // bench hosts never quarantine: make() always yields
    out.push({ host, events, body: JSON.stringify({ events }) });
  }
  return out;
}

type PhaseResult = {
  requests: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  retries: number;
  errors: number;
};

/** Closed loop: `concurrency` senders, each sends its next batch when the last one returns. */
async function closedLoop(
  server: string,
  batches: Batch[],
  concurrency: number,
  maxMs: number,
): Promise<PhaseResult> {
  const lat: number[] = [];
  let next = 0;
  let events = 0;
  let retries = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length && performance.now() < deadline) {
        const b = batches[next++];
        for (;;) {
          const r = await callAgentApi<{ accepted: number }>(
            { server, token: b.host.token },
            "POST",
            "/events",
            undefined,
            b.body,
          );
          if (r.kind === "ok") {
            lat.push(r.ms);
            events += r.body.accepted;
            break;
          }
          if (r.kind === "retry") {
            retries++;
            await new Promise((res) => setTimeout(res, Math.min(r.retryAfterMs ?? 50, 200)));
            continue;
          }
          errors++;
          break;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: lat.length,
    events,
    seconds: round(seconds, 2),
    eventsPerSecond: Math.round(events / seconds),
    p50: round(pct(lat, 50)),
    p99: round(pct(lat, 99)),
    max: round(Math.max(...lat)),
    retries,
    errors,
  };
}

/** Open loop at a fixed offered rate: requests leave on schedule whether or not earlier ones
 *  returned, and latency counts from the scheduled time (no coordinated omission). */
async function openLoop(
  server: string,
  batches: Batch[],
  perSecond: number,
): Promise<PhaseResult & { offeredEventsPerSecond: number; late: number; dropped: number }> {
  const lat: number[] = [];
  let events = 0;
  let errors = 0;
  let retries = 0;
  const interval = 1000 / perSecond;
  const started = performance.now();
  // Bounded: a batch still refused 5 s after the last one was due is counted as dropped.
  const giveUpAt = started + batches.length * interval + 5000;
  let dropped = 0;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < batches.length; i++) {
    const at = started + i * interval;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const b = batches[i];
    inflight.push(
      (async () => {
        for (;;) {
          const r = await callAgentApi<{ accepted: number }>(
            { server, token: b.host.token },
            "POST",
            "/events",
            undefined,
            b.body,
          );
          if (r.kind === "ok") {
            lat.push(performance.now() - at);
            events += r.body.accepted;
            return;
          }
          if (r.kind === "retry") {
            retries++;
            if (performance.now() > giveUpAt) {
              dropped++;
              return;
            }
            await new Promise((res) => setTimeout(res, Math.min(r.retryAfterMs ?? 50, 200)));
            continue;
          }
          errors++;
          return;
        }
      })(),
    );
  }
  await Promise.all(inflight);
  const seconds = (performance.now() - started) / 1000;
  const size = batches[0]?.events.length ?? 0;
  return {
    requests: lat.length,
    events,
    seconds: round(seconds, 2),
    eventsPerSecond: Math.round(events / seconds),
    p50: round(pct(lat, 50)),
    p99: round(pct(lat, 99)),
    max: round(Math.max(...lat)),
    retries,
    errors,
    offeredEventsPerSecond: perSecond * size,
    late: lat.filter((x) => x > 150).length,
    dropped,
  };
}

/** The physical ceiling: the same rows, the same unnest INSERT the server uses, straight
 *  into a copy of the Event table (same indexes and unique key), same concurrency. */
async function ceiling(
  databaseUrl: string,
  batches: Batch[],
  concurrency: number,
  maxMs: number,
): Promise<PhaseResult> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
  await pool.query(`CREATE TABLE "bench_ceiling" (LIKE "Event" INCLUDING ALL)`);
  const lat: number[] = [];
  let next = 0;
  let events = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length && performance.now() < deadline) {
        const b = batches[next++];
        const t0 = performance.now();
        const e = b.events;
        const r = await pool.query(
          `INSERT INTO "bench_ceiling" ("hostId", "eventId", "type", "observedAt", "severity", "pluginName", "pluginVersion", "pluginSha256", "details", "contentHash", "incidentId")
           SELECT $1, u.eid::uuid, u.typ::"EventType", u.obs::timestamp(3), u.sev::"Severity", u.pn, u.pv, u.ps, u.det::jsonb, u.ch, u.inc
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
             AS u(eid, typ, obs, sev, pn, pv, ps, det, ch, inc)
           ON CONFLICT ("hostId", "eventId") DO NOTHING`,
          [
            b.host.id,
            e.map((x) => x.eventId),
            e.map((x) => x.type),
            e.map((x) => x.observedAt.replace("Z", "")),
            e.map((x) => x.severity ?? "medium"),
            e.map((x) => x.plugin?.name ?? null),
            e.map((x) => x.plugin?.version ?? null),
            e.map((x) => x.plugin?.sha256 ?? null),
            e.map((x) => (x.details ? JSON.stringify(x.details) : null)),
            e.map((x) => crypto.createHash("sha256").update(JSON.stringify(x)).digest("hex")),
            e.map(() => null),
          ],
        );
        lat.push(performance.now() - t0);
        events += r.rowCount ?? 0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return {
    requests: lat.length,
    events,
    seconds: round(seconds, 2),
    eventsPerSecond: Math.round(events / seconds),
    p50: round(pct(lat, 50)),
    p99: round(pct(lat, 99)),
    max: round(Math.max(...lat)),
    retries: 0,
    errors: 0,
  };
}

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

    console.log(
      `[bench] fixed offered load 10,000 events/s for ${Math.min(SECONDS, 10)}s (20 × 500-event batches/s)…`,
    );
    const open500 = await openLoop(
      server.url,
      makeBatches(hosts, 20 * Math.min(SECONDS, 10), 500),
      20,
    );
    console.log(
      `[bench] fixed offered load 10,000 events/s for ${Math.min(SECONDS, 10)}s (100 × 100-event batches/s)…`,
    );
    const open100 = await openLoop(
      server.url,
      makeBatches(hosts, 100 * Math.min(SECONDS, 10), 100),
      100,
    );
    console.log(
      `[bench] 1 event per request, ${CONCURRENCY * 2} concurrent, ≤ ${Math.min(SECONDS, 10)}s…`,
    );
    const single = await closedLoop(
      server.url,
      makeBatches(hosts, 3000 * Math.min(SECONDS, 10), 1),
      CONCURRENCY * 2,
      Math.min(SECONDS, 10) * 1000,
    );

    // Sanity: what the server said it accepted is what is in the table.
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    const stored = Number(
      (await check.query<{ n: string }>(`SELECT count(*) AS n FROM "Event"`)).rows[0].n,
    );
    await check.end();
    const acceptedTotal =
      sustained.events + open500.events + open100.events + single.events + 10 * BATCH;

    const result = {
      at: new Date().toISOString(),
      command: `npm run bench:ingest -- --hosts ${HOSTS} --concurrency ${CONCURRENCY} --seconds ${SECONDS}`,
      machine: { ...machine(pgVersion), loadAverageBefore: loadBefore },
      hosts: HOSTS,
      concurrency: CONCURRENCY,
      sustained500: sustained,
      ceilingUnnest: raw,
      ratioToCeiling: round(sustained.eventsPerSecond / raw.eventsPerSecond, 2),
      fixed10kPerSecond500: open500,
      fixed10kPerSecond100: open100,
      oneEventPerRequest: single,
      storedEvents: stored,
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
