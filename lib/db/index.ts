import "server-only";
import { env, dataDir } from "../env.ts";
import { connectDatabase, type Database } from "./connect.ts";
import { applyMigrations } from "./migrate.ts";
import type { PrismaClient, Prisma } from "../generated/prisma/client.ts";
import path from "node:path";

export type Db = PrismaClient | Prisma.TransactionClient;

// One database per process, kept on globalThis so dev-mode reloads and the several
// module graphs Next.js builds (instrumentation, routes) share it — essential for PGlite,
// which must never be opened twice.
const g = globalThis as unknown as { __bwDb?: Promise<Database>; __bwDbReady?: Database };

export function databaseConfig() {
  return env.DATABASE_URL
    ? ({ kind: "postgres", url: env.DATABASE_URL } as const)
    : ({ kind: "pglite", dataDir: path.join(dataDir(), "db") } as const);
}

export async function openDatabase(): Promise<Database> {
  g.__bwDb ??= (async () => {
    const database = await connectDatabase(databaseConfig());
    await applyMigrations(database.sql);
    g.__bwDbReady = database;
    return database;
  })();
  try {
    return await g.__bwDb;
  } catch (e) {
    g.__bwDb = undefined;
    throw e;
  }
}

/** Test hook: point the process at an already-open database. */
export function useDatabase(database: Database) {
  g.__bwDb = Promise.resolve(database);
  g.__bwDbReady = database;
}

export async function getDb(): Promise<PrismaClient> {
  return (await openDatabase()).prisma;
}

export async function getSql() {
  return (await openDatabase()).sql;
}
