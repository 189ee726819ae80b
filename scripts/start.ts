// npm start: build when the sources changed since the last build, then serve.
// Migrations run inside the server process at boot (instrumentation.ts), so the embedded
// database is only ever opened by one process.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const dev = args.includes("--dev");
const demo = args.includes("--demo");
const portArg = args.find((a) => a.startsWith("--port="));
const port = portArg ? portArg.split("=")[1] : process.env.PORT ?? "3000";

const SOURCES = ["app", "lib", "components", "instrumentation.ts", "next.config.ts", "package.json", "prisma/schema", "postcss.config.mjs"];

function fingerprint(): string {
  const h = crypto.createHash("sha256");
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort()) if (e !== "generated" && e !== "node_modules") walk(path.join(p, e));
    } else if (!/\.test\.tsx?$/.test(p)) {
      h.update(p).update(String(st.size)).update(String(st.mtimeMs));
    }
  };
  SOURCES.forEach(walk);
  return h.digest("hex");
}

const env: NodeJS.ProcessEnv = { ...process.env, PORT: port, ...(demo ? { BREAKWATER_DEMO: "1" } : {}) };
const nextBin = path.resolve("node_modules/next/dist/bin/next");

if (!dev) {
  // next.config.ts honours BREAKWATER_DIST_DIR; the build check must look in the same place.
  const distDir = process.env.BREAKWATER_DIST_DIR || ".next";
  const stamp = path.join(distDir, "breakwater-build-fingerprint");
  const fp = fingerprint();
  const built = fs.existsSync(path.join(distDir, "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === fp;
  if (!built) {
    console.log("Building Breakwater (first start or sources changed)…");
    const r = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
    if (r.status !== 0) process.exit(r.status ?? 1);
    fs.writeFileSync(stamp, fp);
  }
}

const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", port], {
  stdio: "inherit",
  env: dev ? env : { ...env, NODE_ENV: "production" },
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
