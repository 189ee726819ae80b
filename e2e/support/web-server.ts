// The Playwright webServer: gives the run a database of its own, then `npm start`s the
// production build on it. PostgreSQL (TEST_DATABASE_URL): a fresh breakwater_e2e_<ts>
// database, dropped on exit. Otherwise a fresh PGlite data directory under the temp dir.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { assertLocalDatabaseUrl } from "./local-database.ts";

const env: NodeJS.ProcessEnv = { ...process.env };
// Whatever database the developer's shell points at is never the one the tests write to.
delete env.DATABASE_URL;
delete env.BREAKWATER_ADMIN_EMAIL;
delete env.BREAKWATER_ADMIN_PASSWORD;
delete env.BREAKWATER_DEMO;

let cleanup = async () => {};
const testUrl = process.env.TEST_DATABASE_URL;
if (testUrl) {
  assertLocalDatabaseUrl(testUrl);
  const name = `breakwater_e2e_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: testUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(testUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  console.log(`[e2e] PostgreSQL database ${name}`);
  cleanup = async () => {
    const c = new pg.Client({ connectionString: testUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "breakwater-e2e-"));
  env.BREAKWATER_DATA_DIR = dir;
  console.log(`[e2e] PGlite data directory ${dir}`);
  cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
}

const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts", `--port=${env.PORT ?? "3200"}`], {
  stdio: "inherit",
  env,
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  await cleanup().catch((e) => console.error("[e2e] cleanup failed:", e));
  process.exit(code);
}
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void stop(0));
child.on("exit", (code) => void stop(code ?? 1));
