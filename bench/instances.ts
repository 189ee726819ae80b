// Two-instance wake-up latency: two production servers (`next start` behind scripts/serve.mjs)
// on one fresh PostgreSQL database; one host enrolled through A long-polls on B; each round
// issues one command through A's console API and times B's answer to the parked long-poll.
// Reported: from A's 201 (the command committed) to B's 200, and from sending the issue request.
//   npm run bench:instances -- --rounds 200
// BENCH_DATABASE_URL picks the PostgreSQL (default postgresql://postgres@127.0.0.1:5432/postgres);
// ports 3218/3219 (--port-a, --port-b).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import type { Envelope } from "../lib/protocol/commands.ts";
import { agentHeaders, signIn, userPost } from "../test/reliability/support/console-client.ts";
import {
  createDatabase,
  ensureProductionBuild,
  insertEnrollmentToken,
  startServer,
  tempDir,
} from "../test/reliability/support/harness.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "200" },
    "port-a": { type: "string", default: "3218" },
    "port-b": { type: "string", default: "3219" },
  },
});
const rounds = Number(values.rounds);
const baseUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

ensureProductionBuild();
const db = await createDatabase(baseUrl, "bw_bench_inst");
const dirs: string[] = [];
const shared = {
  AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  BREAKWATER_ADMIN_EMAIL: "bench@instances.test",
  BREAKWATER_ADMIN_PASSWORD: "bench-instances-pass",
};
const start = (port: number) => {
  const d = tempDir(`bw-bench-inst-${port}-`);
  dirs.push(d);
  return startServer({
    port,
    databaseUrl: db.url,
    env: { ...shared, BREAKWATER_DATA_DIR: d },
    timeoutMs: 120_000,
  });
};
const hard = setTimeout(() => {
  console.error("bench: 10-minute hard limit");
  process.exit(2);
}, 600_000);
const a = await start(Number(values["port-a"]));
const b = await start(Number(values["port-b"]));
try {
  const session = await signIn(
    a.url,
    shared.BREAKWATER_ADMIN_EMAIL,
    shared.BREAKWATER_ADMIN_PASSWORD,
  );
  const enrolled = await fetch(`${a.url}/api/agent/v1/enroll`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      enrollmentToken: await insertEnrollmentToken(db.url, 1, "bench"),
      hostname: "bench-two-instances",
      os: "linux",
      agentVersion: "bench",
    }),
  });
  const host = (await enrolled.json()) as { hostId: string; hostToken: string };
  const fromCommit: number[] = [];
  const fromRequest: number[] = [];
  const load: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const parked = fetch(`${b.url}/api/agent/v1/commands?waitSeconds=20`, {
      headers: agentHeaders(host.hostToken),
    }).then(async (r) => ({
      at: performance.now(),
      body: (await r.json()) as { commands: Envelope[] },
    }));
    await new Promise((r) => setTimeout(r, 150)); // B parks the poll
    const sent = performance.now();
    const { commandIds } = (await userPost(a.url, session, "/api/v1/commands", {
      type: "kill_process",
      params: { pid: i + 1 },
      hostIds: [host.hostId],
      comment: "bench",
    })) as { commandIds: string[] };
    const committed = performance.now();
    const got = await parked;
    if (got.body.commands[0]?.payload.id !== commandIds[0])
      throw new Error(`round ${i}: wrong command`);
    fromCommit.push(Math.max(0, got.at - committed));
    fromRequest.push(got.at - sent);
    await fetch(`${b.url}/api/agent/v1/commands/${commandIds[0]}/receipts`, {
      method: "POST",
      headers: agentHeaders(host.hostToken, { "content-type": "application/json" }),
      body: JSON.stringify({ status: "received", at: new Date().toISOString() }),
    });
    if (i % 20 === 0) load.push(os.loadavg()[0]);
  }
  const result = {
    rounds,
    commit: process.env.BENCH_COMMIT ?? null,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    loadAverage1m: { min: Math.min(...load), max: Math.max(...load) },
    wakeFromCommitMs: {
      p50: pct(fromCommit, 50),
      p99: pct(fromCommit, 99),
      max: Math.max(...fromCommit),
    },
    wakeFromIssueRequestMs: {
      p50: pct(fromRequest, 50),
      p99: pct(fromRequest, 99),
      max: Math.max(...fromRequest),
    },
  };
  console.log(JSON.stringify(result, null, 2));
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(`bench/results/instances-${Date.now()}.json`, JSON.stringify(result, null, 2));
} finally {
  clearTimeout(hard);
  await Promise.all([a.stop(), b.stop()]);
  await db.drop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
}
