// npm run bench:artifacts — uploads a 2 GiB file through the production server (agent tus
// endpoint, one streamed PATCH) and compares its throughput with `cp` + `sha256sum` of the
// same file in the same run; samples the server's RSS to report its peak growth.
// Needs a production build: BREAKWATER_DIST_DIR=.next-artifacts npx next build
// Options (env): BENCH_BYTES (default 2 GiB), BENCH_PORT (3307), BREAKWATER_DIST_DIR (.next-artifacts),
// DATABASE_URL (default: embedded PGlite in a fresh temp data dir).
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createUploadHeaders, patchUploadHeaders } from "../agent/upload-artifact.ts";
import { connectDatabase } from "../lib/db/connect.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { createTestHost } from "../test/ingest-fixtures.ts";

const SIZE = Number(process.env.BENCH_BYTES ?? 2 * 1024 ** 3);
const PORT = Number(process.env.BENCH_PORT ?? 3307);
const DIST = process.env.BREAKWATER_DIST_DIR ?? ".next-artifacts";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bw-bench-artifacts-"));
const dataDir = path.join(work, "data");
const MB = 1e6;

function makeFile(file: string) {
  const fd = fs.openSync(file, "w");
  const block = crypto.randomBytes(16 * 1024 * 1024);
  for (let written = 0; written < SIZE; ) {
    const n = Math.min(block.length, SIZE - written);
    // Vary each block so the file is not 128 copies of one block (no dedupe anywhere helps).
    block.writeUInt32LE(written / block.length, 0);
    fs.writeSync(fd, block, 0, n);
    written += n;
  }
  fs.closeSync(fd);
}

function baseline(file: string) {
  const copy = `${file}.copy`;
  const t0 = performance.now();
  execFileSync("cp", [file, copy]);
  const out = execFileSync("sha256sum", [copy]).toString().split(" ")[0];
  const s = (performance.now() - t0) / 1000;
  fs.rmSync(copy);
  return { seconds: s, mbps: SIZE / MB / s, sha256: out };
}

async function seed() {
  const db = await connectDatabase(
    process.env.DATABASE_URL
      ? { kind: "postgres", url: process.env.DATABASE_URL }
      : { kind: "pglite", dataDir: path.join(dataDir, "db") },
  );
  await applyMigrations(db.sql);
  const { token, ...host } = await createTestHost(db.prisma, "bench-host");
  const now = new Date();
  const incident = await db.prisma.incident.create({
    data: {
      key: `INC-2026-${String(Date.now() % 100000).padStart(5, "0")}`,
      title: "artifact benchmark",
      severity: "low",
      correlationKey: `bench-${crypto.randomUUID()}`,
      detectedAt: now,
      lastEventAt: now,
    },
  });
  await db.prisma.incidentHost.create({
    data: { incidentId: incident.id, hostId: host.id, firstSeenAt: now, lastSeenAt: now },
  });
  await db.close();
  return { token, incidentId: incident.id };
}

/** RSS of the server process and its descendants, in bytes. */
function treeRss(pid: number): number {
  let total = 0;
  const kids = (p: number): number[] => {
    try {
      return fs
        .readFileSync(`/proc/${p}/task/${p}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  const walk = (p: number) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
    } catch {}
    kids(p).forEach(walk);
  };
  walk(pid);
  return total;
}

async function waitReady(url: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not become ready");
}

async function tusUpload(
  url: string,
  token: string,
  file: string,
  size: number,
  sha256: string,
  incidentId: string,
) {
  const created = await fetch(`${url}/api/agent/v1/artifacts`, {
    method: "POST",
    headers: createUploadHeaders(token, size, {
      filename: path.basename(file),
      kind: "memory_image",
      sha256,
      incidentId,
    }),
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
  const loc = new URL(created.headers.get("location")!, url);
  // A plain node:http client piping the file: the agent runs on another machine in real
  // life, so the client here should cost as little CPU as possible on this shared box.
  return new Promise<{ artifactId: string | null; offset: number }>((resolve, reject) => {
    const req = http.request(
      loc,
      { method: "PATCH", headers: patchUploadHeaders(token, 0, size) },
      (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () =>
          res.statusCode === 204
            ? resolve({
                artifactId: (res.headers["breakwater-artifact-id"] as string) ?? null,
                offset: Number(res.headers["upload-offset"]),
              })
            : reject(new Error(`patch: ${res.statusCode} ${body}`)),
        );
      },
    );
    req.on("error", reject);
    fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(req);
  });
}

async function main() {
  const file = path.join(work, "evidence.bin");
  console.log(`Generating ${(SIZE / 1024 ** 3).toFixed(2)} GiB of random data in ${file} …`);
  makeFile(file);
  // Both measurements start with no dirty pages pending, so neither pays for the other's writeback.
  execFileSync("sync");
  const base = baseline(file);
  execFileSync("sync");
  console.log(`cp + sha256sum: ${base.seconds.toFixed(2)} s, ${base.mbps.toFixed(0)} MB/s`);

  const { token, incidentId } = await seed();
  const url = `http://127.0.0.1:${PORT}`;
  const server = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(PORT)],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        BREAKWATER_DIST_DIR: DIST,
        BREAKWATER_DATA_DIR: dataDir,
        BREAKWATER_LOG_LEVEL: "warn",
        PORT: String(PORT),
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  try {
    await waitReady(url);
    // Warm-up: load the upload route's code before measuring the idle RSS.
    const small = path.join(work, "warm.bin");
    fs.writeFileSync(small, crypto.randomBytes(1024 * 1024));
    await tusUpload(
      url,
      token,
      small,
      1024 * 1024,
      crypto.createHash("sha256").update(fs.readFileSync(small)).digest("hex"),
      incidentId,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const rssBefore = treeRss(server.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, treeRss(server.pid!))), 100);
    const t0 = performance.now();
    const up = await tusUpload(url, token, file, SIZE, base.sha256, incidentId);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const mbps = SIZE / MB / seconds;
    if (up.offset !== SIZE || !up.artifactId)
      throw new Error(`upload incomplete: ${JSON.stringify(up)}`);
    const result = {
      when: new Date().toISOString(),
      machine: `${os.cpus().length}× ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, ${os.platform()} ${os.release()}, node ${process.version}`,
      database: process.env.DATABASE_URL ? "postgresql" : "pglite",
      bytes: SIZE,
      baseline: {
        what: "cp + sha256sum",
        seconds: +base.seconds.toFixed(2),
        mbps: +base.mbps.toFixed(1),
      },
      upload: {
        what: "POST + one streamed PATCH through next start (hash, write, verify, store)",
        seconds: +seconds.toFixed(2),
        mbps: +mbps.toFixed(1),
      },
      ratio: +(mbps / base.mbps).toFixed(3),
      rss: {
        beforeMB: +(rssBefore / MB).toFixed(1),
        peakMB: +(rssPeak / MB).toFixed(1),
        growthMB: +((rssPeak - rssBefore) / MB).toFixed(1),
      },
      goals: { ratioAtLeast: 0.5, rssGrowthAtMostMB: 256 },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `upload ${mbps.toFixed(0)} MB/s = ${(result.ratio * 100).toFixed(0)}% of cp+sha256sum (goal ≥ 50%); server RSS growth ${result.rss.growthMB} MB (goal ≤ 256 MB)`,
    );
    fs.mkdirSync("bench/results", { recursive: true });
    fs.writeFileSync(`bench/results/artifacts-${Date.now()}.json`, JSON.stringify(result, null, 2));
    if (result.ratio < 0.5 || result.rss.growthMB > 256) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
