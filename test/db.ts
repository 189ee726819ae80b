// Integration-test databases: every suite runs against an in-memory PGlite and, when
// TEST_DATABASE_URL is set, against a fresh schema on that PostgreSQL. Never mocked.
import crypto from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { connectDatabase, type Database } from "../lib/db/connect.ts";
import { useDatabase } from "../lib/db/index.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { testEnv } from "./env.ts";

export type Backend = "pglite" | "postgres";

/** The local PostgreSQL to run on as well, or undefined (test/env.ts refuses a remote one). */
export const testDatabaseUrl = (): string | undefined => testEnv.TEST_DATABASE_URL;

export const backends = (): Backend[] => (testDatabaseUrl() ? ["pglite", "postgres"] : ["pglite"]);

export type TestDatabase = Database & { schema?: string; drop(): Promise<void> };

/** A fresh, migrated database. `migrate: false` gives an empty one (migration tests);
 *  `poolMax` sizes the PostgreSQL pool (default 8: files run in parallel on one server). */
export async function createTestDatabase(
  kind: Backend,
  opts: { migrate?: boolean; poolMax?: number } = {},
): Promise<TestDatabase> {
  let database: Database;
  let schema: string | undefined;
  let dropSchema = async () => {};
  if (kind === "postgres") {
    const url = testDatabaseUrl()!;
    schema = `t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    database = await connectDatabase({ kind: "postgres", url, schema, poolMax: opts.poolMax ?? 8 });
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    };
    if (opts.migrate !== false) await applyMigrations(database.sql);
  } else {
    // Migrated: a copy of the run's migrated template (test/global-setup.ts).
    const from = opts.migrate === false ? undefined : await pgliteTemplate();
    database = await connectDatabase({ kind: "pglite", from });
  }
  return {
    ...database,
    schema,
    async drop() {
      await database.close().catch(() => {});
      await dropSchema();
    },
  };
}

/** A second connection to a PostgreSQL test database (its own schema), outside the app's pool:
 *  to hold a lock or read what has committed while the code under test runs. The caller ends it. */
export async function otherConnection(database: TestDatabase): Promise<pg.Client> {
  const url = testDatabaseUrl();
  if (!url || !database.schema) throw new Error("otherConnection needs the PostgreSQL backend");
  const c = new pg.Client({
    connectionString: url,
    options: `-c search_path="${database.schema}"`,
  });
  await c.connect();
  return c;
}

let template: Promise<Blob> | undefined;
const pgliteTemplate = () =>
  (template ??= fs.promises.readFile(inject("pgliteTemplate")).then((b) => new Blob([b])));

/**
 * Runs the suite once per backend with a migrated database that lib/ code picks up through
 * getDb(). Use `t.db` (Prisma) and `t.sql` (raw) inside tests.
 */
export function describeDb(
  name: string,
  fn: (t: {
    readonly db: Database["prisma"];
    readonly sql: Database["sql"];
    readonly kind: Backend;
    readonly database: TestDatabase;
  }) => void,
) {
  for (const kind of backends()) {
    describe(`${name} [${kind}]`, () => {
      let database: TestDatabase;
      beforeAll(async () => {
        // The composition root, as every entry point calls it. Imported here, after the test
        // file's own imports, so it does not change the order lib/ modules are evaluated in.
        (await import("../lib/server/register-handlers.ts")).registerHandlers();
        database = await createTestDatabase(kind);
        useDatabase(database);
      });
      afterAll(async () => {
        await database?.drop();
      });
      fn({
        get db() {
          return database.prisma;
        },
        get sql() {
          return database.sql;
        },
        get database() {
          return database;
        },
        kind,
      });
    });
  }
}
