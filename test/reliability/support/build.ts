// Builds the production server into BUILD_DIR unless a build of the current sources is
// already there. Run under flock (see harness.ts) so parallel test files and the benchmark
// build once, not once each.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const distDir = process.argv[2] ?? ".next-agent";
// The same inputs scripts/start.ts fingerprints: what goes into the server bundle.
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

const stamp = path.join(distDir, "breakwater-build-fingerprint");
const fp = fingerprint();
if (fs.existsSync(path.join(distDir, "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === fp) {
  console.log(`[build] ${distDir} is up to date`);
  process.exit(0);
}
console.log(`[build] building the production server into ${distDir} …`);
const r = spawnSync(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", BREAKWATER_DIST_DIR: distDir },
});
if (r.status !== 0) process.exit(r.status ?? 1);
fs.writeFileSync(stamp, fp);
