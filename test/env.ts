// The one reader of process.env in test code, as lib/env.ts is for the product: the knobs that
// pick a test database, PostgreSQL's binaries, fuzz sizes and seeds, and what a test hands its
// child processes. A bad value stops the test file at import, naming the variable.
import { z } from "zod";

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "::1", "[::1]", ""];
const blankIsUnset = (v: unknown) => (v === "" ? undefined : v);
const count = z.preprocess(blankIsUnset, z.coerce.number().int().min(1).optional());

const schema = z.object({
  // Tests create and drop schemas and databases: refuse anything that is not on this machine.
  TEST_DATABASE_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .refine((url) => LOCAL_HOSTS.includes(new URL(url).hostname), {
        message: "must point at a local database",
      })
      .optional(),
  ),
  /** Where initdb and pg_ctl live (the database-outage test runs a cluster of its own). */
  PG_BIN: z.preprocess(blankIsUnset, z.string().default("/usr/lib/postgresql/15/bin")),
  /** Requests per fuzzed endpoint; each fuzz file has its own default. */
  FUZZ_RUNS: count,
  /** `random` explores new inputs; a number replays a campaign; unset: the file's fixed seed. */
  FUZZ_SEED: z.preprocess(
    blankIsUnset,
    z.union([z.literal("random"), z.coerce.number().int()]).optional(),
  ),
  /** Hosts in the fleet-revoke test of the command loop. */
  BW_FLEET_N: z.preprocess(blankIsUnset, z.coerce.number().int().min(1).default(200)),
  /** Build directory of the production server the reliability tests start. With CI set it is
   *  .next, the build the browser tests serve (playwright.config.ts): the two builds differ in
   *  nothing but runtime env, and one is a minute of a 2-core CI run. Locally .next-agent
   *  keeps `npm start`'s build out of the tests' way. */
  BREAKWATER_RELIABILITY_DIST_DIR: z.preprocess(
    blankIsUnset,
    z.string().default(process.env.CI ? ".next" : ".next-agent"),
  ),
  TMPDIR: z.preprocess(blankIsUnset, z.string().default("/tmp")),
  // Handed by a test to the child process it starts (test/rotate-keys-child.ts).
  TEST_SCHEMA: z.preprocess(blankIsUnset, z.string().optional()),
  ROTATIONS: count,
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  throw new Error(`Invalid test environment:\n${lines.join("\n")}`);
}

export const testEnv = parsed.data;

/** The fuzz seed: the variable's, a fresh one for `random`, else the file's fixed default. */
export const fuzzSeed = (fixed: number) =>
  testEnv.FUZZ_SEED === "random" ? Date.now() : (testEnv.FUZZ_SEED ?? fixed);

/** Whether a product variable (lib/env.ts) is set, for tests of its default. */
export const isSet = (name: string) => Boolean(process.env[name]);

/** This process's environment for a child process, with `extra` on top. */
export const childEnv = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  ...extra,
});
