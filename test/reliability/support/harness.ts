// The real thing for the reliability tests and the ingest benchmark: the production build
// of the server as a child process (so it can be kill -9'd), on a database of its own.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { hashToken, newSecret } from "../../../lib/hosts/tokens.ts";
import { childEnv, testEnv } from "../../env.ts";

export const BUILD_DIR = testEnv.BREAKWATER_RELIABILITY_DIST_DIR;

/** Builds once per source change, serialised across processes by flock. */
export function ensureProductionBuild(distDir = BUILD_DIR) {
  // One lock per build directory, not one per machine: a checkout must not wait out another
  // checkout's build (a minute or more each on a shared 2-core machine), only the
  // other test files and benchmarks building into the same directory.
  const dirKey = crypto.createHash("sha256").update(path.resolve(distDir)).digest("hex");
  const r = spawnSync(
    "flock",
    [
      path.join(testEnv.TMPDIR, `breakwater-build-${dirKey.slice(0, 16)}.lock`),
      process.execPath,
      path.resolve("node_modules/tsx/dist/cli.mjs"),
      "test/reliability/support/build.ts",
      distDir,
    ],
    { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 15 * 60_000 },
  );
  if (r.status !== 0)
    throw new Error(
      `production build failed (${r.status}):\n${(r.stdout ?? "").slice(-3000)}\n${(r.stderr ?? "").slice(-3000)}`,
    );
}

export function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]", ""].includes(host))
    throw new Error(`refusing a non-local database: ${host}`);
}

/** A fresh database on the PostgreSQL at `baseUrl`, dropped (FORCE) by `drop()`. */
export async function createDatabase(baseUrl: string, prefix = "bw_rel") {
  assertLocal(baseUrl);
  const name = `${prefix}_${Date.now()}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await c.end();
    },
  };
}

export type ServerProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  log: () => string;
  alive: () => boolean;
  kill9: () => Promise<void>;
  stop: (graceMs?: number) => Promise<void>;
};

/** Starts the production server on the build; resolves when /api/health answers (200 or 503).
 *  Without `databaseUrl` it runs on the embedded PGlite in `dataDir`. */
export async function startServer(opts: {
  port: number;
  databaseUrl?: string;
  dataDir?: string;
  env?: Record<string, string>;
  distDir?: string;
  timeoutMs?: number;
  probeTimeoutMs?: number;
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  if (!opts.databaseUrl && !opts.dataDir)
    throw new Error("startServer needs a databaseUrl or a dataDir");
  const env: NodeJS.ProcessEnv = {
    ...childEnv(),
    NODE_ENV: "production",
    PORT: String(opts.port),
    ...(opts.databaseUrl
      ? { DATABASE_URL: opts.databaseUrl }
      : { BREAKWATER_DATA_DIR: opts.dataDir }),
    BREAKWATER_DIST_DIR: opts.distDir ?? BUILD_DIR,
    // One deployment keeps its secrets across restarts (the signing keys are sealed under
    // this one), so the secret follows the database or data directory, as an operator's would.
    AUTH_SECRET: crypto
      .createHash("sha256")
      .update(`breakwater-test-deployment:${opts.databaseUrl ?? opts.dataDir}`)
      .digest("base64url"),
    BREAKWATER_LOG_LEVEL: "warn",
    BREAKWATER_ENROLL_PER_MINUTE: "100000",
    BREAKWATER_ENROLL_GLOBAL_PER_MINUTE: "100000",
  };
  // The caller's shell must not leak an admin or a test database into the server; opts.env may set them.
  delete env.BREAKWATER_ADMIN_EMAIL;
  delete env.BREAKWATER_ADMIN_PASSWORD;
  delete env.TEST_DATABASE_URL;
  if (!opts.databaseUrl) delete env.DATABASE_URL;
  Object.assign(env, opts.env);
  // A server of someone else's on this port (another worktree's run on this shared machine)
  // would answer the health probe below in ours' place while ours fails to bind: the run then
  // talks to a database nobody migrated ("relation … does not exist"). Refuse it up front.
  await assertPortFree(opts.port);
  // The server `npm start` runs (Next behind scripts/serve.mjs, which supplies the socket address).
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), path.resolve("scripts/serve.mjs")],
    {
      env: { ...env, HOSTNAME: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`server exited during start:\n${out}`);
    try {
      // On PGlite (one connection) a restart into a fleet's backlog queues the health query
      // behind ingest transactions: callers that restart under load give it longer
      // (probeTimeoutMs). On PostgreSQL ingest leaves it connections (with-ingest-limit.ts).
      const r = await fetch(`${url}/api/health`, {
        signal: AbortSignal.timeout(opts.probeTimeoutMs ?? 2000),
      });
      if (r.status === 200 || r.status === 503) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(
        `server did not answer /api/health within ${opts.timeoutMs ?? 60_000} ms:\n${out}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    port: opts.port,
    child,
    log: () => out,
    alive,
    async kill9() {
      if (alive()) child.kill("SIGKILL");
      await exited;
    },
    /** SIGTERM, then SIGKILL after graceMs (parked long-polls hold a graceful close open). */
    async stop(graceMs = 10_000) {
      if (alive()) child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(t);
    },
  };
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (e) =>
      reject(new Error(`port ${port} is in use (another server is running on it): ${e.message}`)),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

/** An enrollment token row as the hosts domain stores it (only the hash). Written with
 *  plain SQL so the harness works before and beside the server (which owns the schema). */
export async function insertEnrollmentToken(
  databaseUrl: string,
  maxUses: number,
  label = "reliability",
): Promise<string> {
  const token = newSecret("bwe");
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO "EnrollmentToken" ("id", "label", "tokenHash", "expiresAt", "maxUses") VALUES ($1, $2, $3, now() + interval '1 hour', $4)`,
      [crypto.randomUUID(), label, hashToken(token), maxUses],
    );
  } finally {
    await c.end();
  }
  return token;
}

/** How the reliability tests' agents pace and retry while the server is killed or its
 *  database stopped: quick ticks and backoff so a 503 or a dead socket is retried within
 *  the test, and long enough bounds that a slow recovery still drains every queue. */
export function outageAgentTimings() {
  return {
    tickMs: 100,
    backoff: { baseMs: 50, maxMs: 1000 },
    requestTimeoutMs: 10_000,
    drainTimeoutMs: 90_000,
    signal: AbortSignal.timeout(150_000),
  };
}

export function tempDir(prefix: string) {
  return fs.mkdtempSync(path.join(testEnv.TMPDIR, prefix));
}
