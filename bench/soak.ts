// npm run soak [-- --backend pglite|postgres|both --hosts 20 --events 100000 --kills 2]
// No event lost (issue 10): a fleet of reference agents (real enrollment, durable queues,
// backoff) sends to the production build over loopback while the server is killed with
// SIGKILL `--kills` times mid-run and restarted on the same database. When every queue has
// drained, the stored events must be exactly the generated ones (same ids, per host) and
// nothing may sit in a dead-letter file. Exits 1 otherwise. Results: stdout and
// bench/results/soak-<time>.json; docs/BENCHMARKS.md records them with the machine.
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { generatedEventIds } from "../agent/event-queue.ts";
import { runAgents } from "../agent/run-agents.ts";
import { connectDatabase } from "../lib/db/connect.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { hashToken, newSecret } from "../lib/hosts/tokens.ts";
import {
  BUILD_DIR,
  createDatabase,
  ensureProductionBuild,
  insertEnrollmentToken,
  type ServerProcess,
  startServer,
  tempDir,
} from "../test/reliability/support/harness.ts";

export type SoakOptions = {
  backend: "pglite" | "postgres";
  hosts: number;
  events: number;
  kills: number;
  port: number;
  databaseUrl: string;
  distDir?: string;
  /** Events per second per host while generating. */
  rate?: number;
  log?: (msg: string) => void;
};

export type SoakResult = {
  backend: SoakOptions["backend"];
  hosts: number;
  generated: number;
  stored: number;
  storedDistinct: number;
  missing: number;
  unexpected: number;
  deadLetters: number;
  kills: number;
  /** Acknowledged events when each SIGKILL landed (below `generated`: mid-run). */
  killedAtAcked: number[];
  retries: number;
  duplicates: number;
  seconds: number;
  drained: boolean;
  fatal: string | null;
};

function deadLetterCount(stateDir: string): number {
  const f = path.join(stateDir, "rejected.jsonl");
  return fs.existsSync(f) ? fs.readFileSync(f, "utf8").split("\n").filter(Boolean).length : 0;
}

type Store = {
  start(): Promise<ServerProcess>;
  /** Stored eventIds per hostId, read after the server stopped (PGlite is single-process). */
  storedIds(hostIds: string[]): Promise<Map<string, string[]>>;
  drop(): Promise<void>;
};

async function openStore(o: SoakOptions, maxUses: number): Promise<Store & { token: string }> {
  const common = {
    env: {
      BREAKWATER_LOG_LEVEL: "error",
      BREAKWATER_ENROLL_PER_MINUTE: "100000",
      BREAKWATER_ENROLL_GLOBAL_PER_MINUTE: "100000",
    },
    distDir: o.distDir ?? BUILD_DIR,
    timeoutMs: 180_000,
    probeTimeoutMs: 30_000,
  };
  const query = async (
    run: (
      q: (sql: string, params: unknown[]) => Promise<{ hostId: string; eventId: string }[]>,
    ) => Promise<void>,
    kind: "pg" | "pglite",
    where: string,
  ) => {
    if (kind === "pg") {
      const c = new pg.Client({ connectionString: where });
      await c.connect();
      try {
        await run(async (sql, params) => (await c.query(sql, params)).rows);
      } finally {
        await c.end();
      }
    } else {
      const d = await connectDatabase({ kind: "pglite", dataDir: where });
      try {
        await run((sql, params) => d.sql.query(sql, params));
      } finally {
        await d.close();
      }
    }
  };
  const read = async (kind: "pg" | "pglite", where: string, hostIds: string[]) => {
    const out = new Map<string, string[]>(hostIds.map((h) => [h, []]));
    await query(
      async (q) => {
        for (const r of await q(
          `SELECT "hostId", "eventId"::text AS "eventId" FROM "Event" WHERE "hostId" = ANY($1::text[])`,
          [hostIds],
        ))
          out.get(r.hostId)?.push(r.eventId);
      },
      kind,
      where,
    );
    return out;
  };

  if (o.backend === "postgres") {
    const db = await createDatabase(o.databaseUrl, "bw_soak");
    const start = () => startServer({ port: o.port, databaseUrl: db.url, ...common });
    // The server owns the schema: migrate by starting it once, then add the token.
    const first = await start();
    await first.stop();
    const token = await insertEnrollmentToken(db.url, maxUses, "soak");
    return { token, start, storedIds: (ids) => read("pg", db.url, ids), drop: () => db.drop() };
  }
  const dataDir = tempDir("bw-soak-pglite-");
  // The server's embedded database lives in <data dir>/db (lib/db/index.ts). Prepare it
  // before the server owns it: migrations, then one enrollment token row.
  const dbDir = path.join(dataDir, "db");
  const token = newSecret("bwe");
  const d = await connectDatabase({ kind: "pglite", dataDir: dbDir });
  try {
    await applyMigrations(d.sql);
    await d.sql.query(
      `INSERT INTO "EnrollmentToken" ("id", "label", "tokenHash", "expiresAt", "maxUses") VALUES ($1, 'soak', $2, now() + interval '1 day', $3)`,
      [crypto.randomUUID(), hashToken(token), maxUses],
    );
  } finally {
    await d.close();
  }
  return {
    token,
    start: () => startServer({ port: o.port, dataDir, ...common }),
    storedIds: (ids) => read("pglite", dbDir, ids),
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const log = o.log ?? (() => {});
  const perHost = Math.ceil(o.events / o.hosts);
  const store = await openStore(o, o.hosts);
  const stateDir = tempDir("bw-soak-fleet-");
  let server: ServerProcess | null = null;
  try {
    server = await store.start();
    const started = performance.now();
    let acked = 0;
    const total = perHost * o.hosts;
    const run = runAgents({
      server: server.url,
      stateDir,
      enrollmentToken: store.token,
      fleet: o.hosts,
      scenario: "escape",
      rate: o.rate ?? 250,
      maxEvents: perHost,
      tickMs: 100,
      backoff: { baseMs: 50, maxMs: 2000 },
      requestTimeoutMs: 30_000,
      drainTimeoutMs: 20 * 60_000,
      signal: AbortSignal.timeout(40 * 60_000),
      onBatch: (b) => {
        if (b.outcome.kind === "ok") acked += b.ids.length;
      },
    });
    // Kill at evenly spaced points of progress (acknowledged events), not at fixed times:
    // on a loaded machine the same second is a different point of the run.
    let kills = 0;
    const killedAtAcked: number[] = [];
    for (let k = 1; k <= o.kills; k++) {
      const at = Math.floor((total * k) / (o.kills + 1));
      while (acked < at) {
        await new Promise((r) => setTimeout(r, 20));
        if (performance.now() - started > 30 * 60_000)
          throw new Error(`soak: stuck at ${acked} acknowledged events`);
      }
      await server.kill9();
      kills++;
      killedAtAcked.push(acked);
      log(`[soak ${o.backend}] SIGKILL ${kills} at ${acked} acknowledged events`);
      // Agents hit a dead port for a while and keep generating into their queues.
      await new Promise((r) => setTimeout(r, 1500));
      server = await store.start();
      log(`[soak ${o.backend}] server restarted`);
    }
    const result = await run;
    const seconds = (performance.now() - started) / 1000;
    await server.stop();
    server = null;

    const hostIds = result.agents.map((a) => a.hostId!).filter(Boolean);
    const stored = await store.storedIds(hostIds);
    let generated = 0,
      storedN = 0,
      storedDistinct = 0,
      missing = 0,
      unexpected = 0,
      deadLetters = 0;
    for (const a of result.agents) {
      const gen = new Set(generatedEventIds(a.state.dir));
      const got = stored.get(a.hostId!) ?? [];
      const gotSet = new Set(got);
      generated += gen.size;
      storedN += got.length;
      storedDistinct += gotSet.size;
      for (const id of gen) if (!gotSet.has(id)) missing++;
      for (const id of gotSet) if (!gen.has(id)) unexpected++;
      deadLetters += deadLetterCount(a.state.dir);
    }
    return {
      backend: o.backend,
      hosts: o.hosts,
      generated,
      stored: storedN,
      storedDistinct,
      missing,
      unexpected,
      deadLetters,
      kills,
      killedAtAcked,
      retries: result.stats.retries,
      duplicates: result.stats.duplicates,
      seconds: Math.round(seconds * 10) / 10,
      drained: result.drained,
      fatal: result.fatal?.message ?? null,
    };
  } finally {
    await server?.stop().catch(() => {});
    fs.rmSync(stateDir, { recursive: true, force: true });
    await store.drop().catch(() => {});
  }
}

export const soakPassed = (r: SoakResult) =>
  r.drained &&
  !r.fatal &&
  r.stored === r.generated &&
  r.storedDistinct === r.generated &&
  r.missing === 0 &&
  r.unexpected === 0 &&
  r.deadLetters === 0;

async function main() {
  const { values: args } = parseArgs({
    options: {
      backend: { type: "string", default: "both" },
      hosts: { type: "string", default: "20" },
      events: { type: "string", default: "100000" },
      kills: { type: "string", default: "2" },
      rate: { type: "string", default: "250" },
      port: { type: "string", default: "3311" },
      "dist-dir": { type: "string", default: BUILD_DIR },
      "database-url": {
        type: "string",
        default: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
      },
    },
  });
  const backends =
    args.backend === "both"
      ? (["pglite", "postgres"] as const)
      : [args.backend as "pglite" | "postgres"];
  console.log(`[soak] building (if needed) into ${args["dist-dir"]}…`);
  ensureProductionBuild(args["dist-dir"]);
  const commit = execSync("git rev-parse --short HEAD").toString().trim();
  const results: (SoakResult & { loadAverage: number[] })[] = [];
  for (const backend of backends) {
    const r = await runSoak({
      backend,
      hosts: Number(args.hosts),
      events: Number(args.events),
      kills: Number(args.kills),
      rate: Number(args.rate),
      port: Number(args.port),
      databaseUrl: args["database-url"]!,
      distDir: args["dist-dir"],
      log: console.log,
    });
    const loadAverage = os.loadavg().map((x) => Math.round(x * 100) / 100);
    results.push({ ...r, loadAverage });
    console.log(
      `[soak ${backend}] ${soakPassed(r) ? "PASS" : "FAIL"} ${JSON.stringify({ ...r, loadAverage })}`,
    );
  }
  const out = {
    at: new Date().toISOString(),
    commit,
    nproc: os.cpus().length,
    node: process.version,
    args,
    results,
  };
  fs.mkdirSync("bench/results", { recursive: true });
  const file = `bench/results/soak-${out.at.replace(/[:.]/g, "-")}.json`;
  fs.writeFileSync(file, JSON.stringify(out, null, 2));
  console.log(`[soak] wrote ${file}`);
  process.exit(results.every(soakPassed) ? 0 : 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}
