// Builds the production server into distDir unless a build of the current sources is there.
// One definition of "the sources" for npm start and the reliability tests, so a new input
// cannot make one of them serve a stale bundle.

import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "lib",
  "components",
  "instrumentation.ts",
  "next.config.ts",
  "package.json",
  "prisma/schema",
  "postcss.config.mjs",
];

function fingerprint(): string {
  const h = crypto.createHash("sha256");
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort())
        if (e !== "generated" && e !== "node_modules") walk(path.join(p, e));
    } else if (!/\.test\.tsx?$/.test(p)) {
      h.update(p).update(String(st.size)).update(String(st.mtimeMs));
    }
  };
  SOURCES.forEach(walk);
  return h.digest("hex");
}

/** Returns the exit status of the build (0 when none was needed). */
export function buildIfStale(distDir: string, env: NodeJS.ProcessEnv, announce: string): number {
  const stamp = path.join(distDir, "breakwater-build-fingerprint");
  const fp = fingerprint();
  if (
    fs.existsSync(path.join(distDir, "BUILD_ID")) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, "utf8") === fp
  )
    return 0;
  console.log(announce);
  const r = spawnSync(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), "build"],
    {
      stdio: "inherit",
      env: { ...env, NODE_ENV: "production", BREAKWATER_DIST_DIR: distDir },
    },
  );
  if (r.status !== 0) return r.status ?? 1;
  fs.writeFileSync(stamp, fp);
  return 0;
}
