// npm run migrate: applies prisma/migrations to the configured database (DATABASE_URL, or
// the embedded one under BREAKWATER_DATA_DIR) and says what it applied. The server also
// migrates at boot; this is for deploy pipelines and for checking before a start.

import { connectDatabase } from "../lib/db/connect.ts";
import { DataDirBusyError, dataDirOwner } from "../lib/db/data-dir-lock.ts";
import { databaseConfig } from "../lib/db/index.ts";
import { applyMigrations, readMigrations } from "../lib/db/migrate.ts";

async function main(): Promise<number> {
  const config = databaseConfig();
  const where =
    config.kind === "postgres"
      ? "PostgreSQL (DATABASE_URL)"
      : `the embedded database in ${config.dataDir}`;
  if (config.kind === "pglite") {
    const pid = dataDirOwner(config.dataDir);
    if (pid !== null) {
      console.error(
        `Refusing to migrate: ${where} is held by the running server (pid ${pid}). PGlite is single-process, ` +
          `and the server applies pending migrations when it starts — restart it instead, or stop it and run this again.`,
      );
      return 1;
    }
  }
  const migrations = readMigrations();
  let database;
  try {
    database = await connectDatabase(config);
  } catch (e) {
    console.error(
      e instanceof DataDirBusyError
        ? e.message
        : `Could not open ${where}: ${(e as Error).message}`,
    );
    return 1;
  }
  try {
    const result = await applyMigrations(database.sql, migrations);
    if (result.applied.length === 0)
      console.log(`${where}: up to date (${migrations.length} migration(s) already applied).`);
    else {
      console.log(`${where}: applied ${result.applied.length} migration(s):`);
      for (const name of result.applied) console.log(`  ${name}`);
    }
    return 0;
  } catch (e) {
    console.error(`Migration failed on ${where}: ${(e as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}

process.exit(await main());
