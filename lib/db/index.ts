import "server-only";
import path from "node:path";
import { dataDir, env } from "../env.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { processSingleton } from "../process-singleton.ts";
import { connectDatabase, type Database } from "./connect.ts";
import { applyMigrations } from "./migrate.ts";

export type Db = PrismaClient | Prisma.TransactionClient;

// One database per process, shared by dev-mode reloads and the several module graphs Next.js
// builds (instrumentation, routes) — essential for PGlite, which must never be opened twice.
const db = processSingleton("database", () => ({
  opening: undefined as Promise<Database> | undefined,
}));

export function databaseConfig() {
  return env.DATABASE_URL
    ? ({ kind: "postgres", url: env.DATABASE_URL, poolMax: env.BREAKWATER_DB_POOL_SIZE } as const)
    : ({ kind: "pglite", dataDir: path.join(dataDir(), "db") } as const);
}

export async function openDatabase(): Promise<Database> {
  db.opening ??= (async () => {
    const database = await connectDatabase(databaseConfig());
    await applyMigrations(database.sql);
    return database;
  })();
  try {
    return await db.opening;
  } catch (e) {
    db.opening = undefined;
    throw e;
  }
}

/** Test hook: point the process at an already-open database. */
export function useDatabase(database: Database) {
  db.opening = Promise.resolve(database);
}

export async function getDb(): Promise<PrismaClient> {
  return (await openDatabase()).prisma;
}

export async function getSql() {
  return (await openDatabase()).sql;
}
