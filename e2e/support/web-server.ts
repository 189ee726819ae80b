// The Playwright webServer: gives the run a database of its own and a test OpenID provider,
// then `npm start`s the production build on them. PostgreSQL (TEST_DATABASE_URL): a fresh
// breakwater_e2e_<ts> database, dropped on exit. Otherwise a fresh PGlite data directory
// under the temp dir.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { assertLocalDatabaseUrl } from "./local-database.ts";
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } from "./oidc.ts";
import { startOidcProvider } from "./oidc-provider.ts";

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

// A real OpenID provider on loopback, up before the app so its issuer is in the app's env
// (e2e/oidc.spec.ts signs in through it).
const port = env.PORT ?? "3200";
const idp = await startOidcProvider(`http://localhost:${port}`);
env.AUTH_OIDC_ISSUER = idp.issuer;
env.AUTH_OIDC_CLIENT_ID = OIDC_CLIENT_ID;
env.AUTH_OIDC_CLIENT_SECRET = OIDC_CLIENT_SECRET;
env.AUTH_OIDC_NAME = OIDC_NAME;

const child = spawn(
  process.execPath,
  [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts", `--port=${port}`],
  {
    stdio: "inherit",
    env,
  },
);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
  await idp.close().catch(() => {});
  await cleanup().catch((e) => console.error("[e2e] cleanup failed:", e));
  process.exit(code);
}
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void stop(0));
child.on("exit", (code) => void stop(code ?? 1));
