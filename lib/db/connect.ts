import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client.ts";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import type { SqlRunner } from "./sql-runner.ts";

export type Database = {
  kind: "pglite" | "postgres";
  prisma: PrismaClient;
  sql: SqlRunner;
  /** PostgreSQL only: the pool's clients (waiting = queries queued for a connection). */
  poolStats?: () => { total: number; idle: number; waiting: number };
  /** PostgreSQL only: how to open a connection of its own (the cluster bus's LISTEN). */
  connection?: { url: string; options?: string };
  /** PGlite only: the whole database as one file, to open copies of (`from`). */
  snapshot?: () => Promise<Blob>;
  close(): Promise<void>;
};

export type ConnectOptions =
  | { kind: "postgres"; url: string; schema?: string; poolMax?: number }
  | {
      kind: "pglite";
      dataDir?: string /* undefined = in memory */;
      /** In memory only: start as a copy of a snapshot() instead of an empty database (a
       *  migrated copy opens in a fraction of initdb + migrations: the tests open ~90). */
      from?: Blob;
    };

export async function connectDatabase(opts: ConnectOptions): Promise<Database> {
  return opts.kind === "postgres" ? connectPostgres(opts) : connectPglite(opts.dataDir, opts.from);
}

function connectPostgres(opts: { url: string; schema?: string; poolMax?: number }): Database {
  const options = opts.schema ? `-c search_path="${opts.schema}"` : undefined;
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolMax ?? 10,
    options,
    connectionTimeoutMillis: 2000,
  });
  // A dropped backend connection must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, opts.schema ? { schema: opts.schema } : undefined),
  });
  const runner = (q: pg.Pool | pg.PoolClient): SqlRunner => ({
    async query(sql, params) {
      return (await q.query(sql, params as unknown[])).rows;
    },
    async exec(sql) {
      await q.query(sql);
    },
    async withConnection(fn) {
      if (q !== pool) return fn(runner(q));
      const client = await pool.connect();
      try {
        return await fn(runner(client));
      } finally {
        client.release();
      }
    },
  });
  return {
    kind: "postgres",
    prisma,
    sql: runner(pool),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    connection: { url: opts.url, options },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function connectPglite(dataDir?: string, from?: Blob): Promise<Database> {
  let release = () => {};
  let pglite: PGlite;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    release = acquireDataDirLock(dataDir);
    pglite = await PGlite.create(path.join(dataDir, "pglite"));
  } else {
    pglite = await PGlite.create(from ? { loadDataDir: from } : {});
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const sql: SqlRunner = {
    async query(q, params) {
      return (await pglite.query(q, params as unknown[])).rows as never[];
    },
    async exec(q) {
      await pglite.exec(q);
    },
    async withConnection(fn) {
      return fn(sql);
    },
  };
  return {
    kind: "pglite",
    prisma,
    sql,
    snapshot: dataDir ? undefined : () => pglite.dumpDataDir("none"),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      release();
    },
  };
}
