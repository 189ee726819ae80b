// Builds the production server into the given dir unless a build of the current sources is
// already there. Run under flock (see harness.ts) so parallel test files and the benchmark
// build once, not once each.
import { buildIfStale } from "../../../scripts/build-if-stale.ts";
import { childEnv } from "../../env.ts";

const distDir = process.argv[2] ?? ".next-agent";
const status = buildIfStale(
  distDir,
  childEnv(),
  `[build] building the production server into ${distDir} …`,
);
if (status === 0) console.log(`[build] ${distDir} is ready`);
process.exit(status);
