// No event lost, CI size (issue 10): the soak of bench/soak.ts — a fleet of reference agents,
// the production server SIGKILLed twice mid-run and restarted — on PGlite and on PostgreSQL,
// with fewer events than `npm run soak` (whose figures are in docs/BENCHMARKS.md). Runs
// where the kill -9 test runs: with TEST_DATABASE_URL, on the reliability build.
import { describe, expect, it } from "vitest";
import { runSoak, soakPassed } from "../../bench/soak.ts";
import { testEnv } from "../env.ts";
import { ensureProductionBuild } from "./support/harness.ts";

const BASE = testEnv.TEST_DATABASE_URL;
if (!BASE)
  console.warn(
    "\n*** SKIPPED test/reliability/soak: set TEST_DATABASE_URL (a local PostgreSQL) to run the kill -9 soak ***\n",
  );

describe.skipIf(!BASE)(
  "soak: 20 hosts, SIGKILL twice, stored = generated, no dead letters [production build]",
  () => {
    // PGlite is soaked by `npm run soak -- --backend pglite` (docs/BENCHMARKS.md); its restart under
    // the CI-size fleet has not been shown to finish within CI time, so CI soaks PostgreSQL only.
    for (const [backend, port] of [["postgres", 3314]] as const) {
      it(
        `on ${backend}`,
        async () => {
          ensureProductionBuild();
          const r = await runSoak({
            backend,
            hosts: 20,
            events: 2000,
            kills: 2,
            rate: 100,
            port,
            databaseUrl: BASE!,
          });
          expect(r.kills).toBe(2);
          expect(r.retries).toBeGreaterThan(0);
          expect({ ...r, passed: soakPassed(r) }).toMatchObject({
            passed: true,
            generated: 2000,
            stored: 2000,
            missing: 0,
            unexpected: 0,
            deadLetters: 0,
            drained: true,
            fatal: null,
          });
        },
        16 * 60_000,
      );
    }
  },
);
