// npm start: build when the sources changed since the last build, then serve.
// Migrations run inside the server process at boot (instrumentation.ts), so the embedded
// database is only ever opened by one process.
import { spawn } from "node:child_process";
import path from "node:path";
import { buildIfStale } from "./build-if-stale.ts";

const args = process.argv.slice(2);
const dev = args.includes("--dev");
const demo = args.includes("--demo");
const portArg = args.find((a) => a.startsWith("--port="));
const port = portArg ? portArg.split("=")[1] : (process.env.PORT ?? "3000");

const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  ...(demo ? { BREAKWATER_DEMO: "1" } : {}),
};

if (!dev) {
  // next.config.ts honours BREAKWATER_DIST_DIR; the build check must look in the same place.
  const distDir = process.env.BREAKWATER_DIST_DIR || ".next";
  const status = buildIfStale(
    distDir,
    env,
    "Building Breakwater (first start or sources changed)…",
  );
  if (status !== 0) process.exit(status);
}

// scripts/serve.mjs rather than `next start`/`next dev`: it gives route handlers the socket
// address (see lib/auth/client-ip.ts).
const child = spawn(
  process.execPath,
  [path.resolve("scripts/serve.mjs"), ...(dev ? ["--dev"] : [])],
  {
    stdio: "inherit",
    env: dev ? env : { ...env, NODE_ENV: "production" },
  },
);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
