// npm run bench:commands — 1,000 simulated agents long-poll one server process; one command is
// issued to each; reports p50/p95/p99 from issue to the `succeeded` receipt, the server's
// requests/s, and checks zero lost or duplicated executions.
//
// The server is a child process running the real agent route handlers (bench/command-server.ts)
// on PostgreSQL (BENCH_DATABASE_URL, default a fresh local database `bw_bench_commands`).
// Agents are lightweight in-process loops that verify every envelope (kid, Ed25519 signature,
// host, window, replay) exactly like the reference agent, then send received + succeeded.
//   BENCH_AGENTS=1000 BENCH_PORT=13306 npm run bench:commands
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import pg from "pg";
import { hashToken, newSecret } from "../lib/hosts/tokens.ts";
import { verifyEnvelope } from "../lib/protocol/envelope.ts";
import type { ServerKey } from "../lib/protocol/hosts.ts";

const N = Number(process.env.BENCH_AGENTS ?? 1000);
const PORT = Number(process.env.BENCH_PORT ?? 13306);
const DB =
  process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/bw_bench_commands";
const BASE = `http://127.0.0.1:${PORT}`;

function recreateDb() {
  if (process.env.BENCH_DATABASE_URL) return;
  execFileSync("dropdb", ["-h", "127.0.0.1", "-U", "postgres", "--if-exists", "bw_bench_commands"]);
  execFileSync("createdb", ["-h", "127.0.0.1", "-U", "postgres", "bw_bench_commands"]);
}

async function startServer() {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "bench/command-server.ts", String(PORT)],
    {
      env: {
        ...process.env,
        DATABASE_URL: DB,
        BREAKWATER_DATA_DIR: `/tmp/bw-bench-commands-${process.pid}`,
        BREAKWATER_LOG_LEVEL: "warn",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("listening") && resolve());
    child.once("exit", (c) => reject(new Error(`server exited ${c}`)));
  });
  return child;
}

let requests = 0;
async function call(method: string, path: string, token: string | null, body?: unknown) {
  requests++;
  const res = await fetch(BASE + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const pct = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function main() {
  recreateDb();
  const server = await startServer();
  const pool = new pg.Pool({ connectionString: DB, max: 2 });
  try {
    // Hosts seeded directly (enrolment has its own benchmark); tokens kept for the agents.
    const hosts = Array.from({ length: N }, (_, i) => ({
      id: crypto.randomUUID(),
      token: newSecret("bwh"),
      name: `bench-${String(i).padStart(4, "0")}`,
    }));
    await pool.query(
      `INSERT INTO "Host" ("id","hostname","os","agentVersion","tokenHash","simulated") SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[])`,
      [
        hosts.map((h) => h.id),
        hosts.map((h) => h.name),
        hosts.map(() => "bench"),
        hosts.map(() => "bench"),
        hosts.map((h) => hashToken(h.token)),
        hosts.map(() => true),
      ],
    );
    const keys = (await call("GET", "/api/agent/v1/server-keys", hosts[0].token)).body
      .serverKeys as ServerKey[];

    const issuedAt = new Map<string, number>();
    const issueMs: number[] = [];
    let issueRetries = 0;
    const doneAt = new Map<string, number>();
    const executions = new Map<string, number>();
    const refused: string[] = [];
    let stop = false;
    async function agent(h: (typeof hosts)[number]) {
      const executed = new Set<string>();
      while (!stop) {
        const r = await call("GET", "/api/agent/v1/commands?waitSeconds=30", h.token).catch(
          () => null,
        );
        if (!r || r.status !== 200) {
          // Like the reference agent: back off on 429/503/network errors, never spin.
          await new Promise((res) => setTimeout(res, 1000));
          continue;
        }
        for (const env of r.body.commands) {
          const v = verifyEnvelope(env, {
            keys,
            hostId: h.id,
            now: new Date(),
            executed: (id) => executed.has(id),
          });
          if (!v.ok) {
            refused.push(`${h.name}: ${v.reason}`);
            continue;
          }
          await call("POST", `/api/agent/v1/commands/${v.payload.id}/receipts`, h.token, {
            status: "received",
            at: new Date().toISOString(),
          });
          executed.add(v.payload.id);
          executions.set(v.payload.id, (executions.get(v.payload.id) ?? 0) + 1);
          const s = await call("POST", `/api/agent/v1/commands/${v.payload.id}/receipts`, h.token, {
            status: "succeeded",
            at: new Date().toISOString(),
            result: { bench: true },
          });
          if (s.status === 200) doneAt.set(v.payload.id, performance.now());
        }
      }
    }
    const loops = hosts.map((h) => agent(h));
    await new Promise((r) => setTimeout(r, 3000)); // every agent parked in its long-poll
    const reqBefore = requests;
    const t0 = performance.now();
    // Issue one command per host, 4 requests in flight, like several responders and playbooks at once.
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < hosts.length) {
          const h = hosts[next++];
          const start = performance.now();
          let r = await call("POST", "/bench/issue", null, {
            type: "kill_process",
            params: { pid: 4242 },
            hostIds: [h.id],
            comment: "benchmark",
          });
          for (let i = 0; r.status !== 201 && i < 5; i++) {
            issueRetries++;
            await new Promise((res) => setTimeout(res, 500));
            r = await call("POST", "/bench/issue", null, {
              type: "kill_process",
              params: { pid: 4242 },
              hostIds: [h.id],
              comment: "benchmark",
            });
          }
          if (r.status !== 201) throw new Error(`issue failed: ${JSON.stringify(r.body)}`);
          issuedAt.set(r.body.commandIds[0], start);
          issueMs.push(performance.now() - start);
        }
      }),
    );
    const deadline = Date.now() + 120_000;
    while (doneAt.size < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const wall = (performance.now() - t0) / 1000;
    const serverRps = (requests - reqBefore) / wall;
    stop = true;
    const lat = [...doneAt.entries()].map(([id, t]) => t - issuedAt.get(id)!).sort((a, b) => a - b);
    const db = (
      await pool.query(`SELECT "status"::text, count(*)::int AS n FROM "Command" GROUP BY 1`)
    ).rows;
    const dup = [...executions.values()].filter((n) => n > 1).length;
    const result = {
      agents: N,
      commands: issuedAt.size,
      succeededReceipts: doneAt.size,
      dbStatus: Object.fromEntries(db.map((r) => [r.status, r.n])),
      lost: N - doneAt.size,
      duplicatedExecutions: dup,
      refused: refused.length,
      issueRetries,
      issueCallP50ms: Math.round(
        pct(
          [...issueMs].sort((a, b) => a - b),
          50,
        ),
      ),
      p50ms: Math.round(pct(lat, 50)),
      p95ms: Math.round(pct(lat, 95)),
      p99ms: Math.round(pct(lat, 99)),
      maxms: Math.round(lat[lat.length - 1]),
      wallSeconds: Number(wall.toFixed(2)),
      serverRequestsPerSecond: Math.round(serverRps),
    };
    console.log(JSON.stringify(result, null, 2));
    server.kill("SIGTERM");
    await Promise.race([Promise.allSettled(loops), new Promise((r) => setTimeout(r, 2000))]);
    process.exit(result.lost === 0 && dup === 0 ? 0 : 1);
  } finally {
    await pool.end().catch(() => {});
    server.kill("SIGKILL");
  }
}

await main();
