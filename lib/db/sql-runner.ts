// A minimal raw-SQL surface shared by PGlite and node-postgres, for the migration runner,
// the schema-drift test and set-based hot paths that Prisma cannot express.
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement script (simple query protocol). */
  exec(sql: string): Promise<void>;
  /** Runs fn on one connection (needed for session-level advisory locks on PostgreSQL). */
  withConnection<T>(fn: (conn: SqlRunner) => Promise<T>): Promise<T>;
}
