// A second process rotating the signing key (rotate-signing-key.integration.test.ts): connects
// to the test's PostgreSQL schema and data dir, prints "ready", waits for "go" on stdin so both
// processes start together, then rotates ROTATIONS times and exits.
import { connectDatabase } from "../lib/db/connect.ts";
import { useDatabase } from "../lib/db/index.ts";
import { rotateSigningKey } from "../lib/key-rotation/rotate-signing-key.ts";
import { testEnv } from "./env.ts";

const database = await connectDatabase({
  kind: "postgres",
  url: testEnv.TEST_DATABASE_URL!,
  schema: testEnv.TEST_SCHEMA!,
  poolMax: 2,
});
useDatabase(database);
process.stdout.write("ready\n");
await new Promise<void>((r) => process.stdin.once("data", () => r()));
process.stdin.pause();
for (let i = 0; i < (testEnv.ROTATIONS ?? 0); i++)
  await rotateSigningKey({ type: "system", label: `rotator-${process.pid}` });
await database.close();
