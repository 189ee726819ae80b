import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backends, createTestDatabase, type TestDatabase, testDatabaseUrl } from "../../test/db.ts";
import { connectDatabase } from "./connect.ts";
import { applyMigrations, MIGRATIONS_DIR, MigrationError, readMigrations } from "./migrate.ts";
import type { SqlRunner } from "./sql-runner.ts";

type MigrationRow = {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date | null;
  finished_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
  rolled_back_at: Date | null;
};

const rows = (sql: SqlRunner) =>
  sql.query<MigrationRow>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);

const tableExists = async (sql: SqlRunner, name: string) =>
  (
    await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`,
      [name],
    )
  )[0].n === 1;

// Synthetic migration folders, so failure cases never touch the real prisma/migrations.
const tmpDirs: string[] = [];
function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bw-migrations-"));
  tmpDirs.push(dir);
  for (const [name, sql] of Object.entries(files)) writeMigration(dir, name, sql);
  return dir;
}
function writeMigration(dir: string, name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const sha256 = (file: string) =>
  crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

for (const kind of backends()) {
  describe(`migration runner [${kind}]`, () => {
    const open: TestDatabase[] = [];
    const fresh = async () => {
      const d = await createTestDatabase(kind, { migrate: false });
      open.push(d);
      return d;
    };
    afterAll(async () => {
      for (const d of open) await d.drop();
    });

    it("applies every migration to an empty database and records it as Prisma Migrate does", async () => {
      const db = await fresh();
      const names = fs
        .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
      expect(names.length).toBeGreaterThan(0);

      const before = Date.now();
      const result = await applyMigrations(db.sql);
      expect(result).toEqual({ applied: names, alreadyApplied: 0 });

      const recorded = await rows(db.sql);
      expect(recorded.map((r) => r.migration_name)).toEqual(names);
      for (const r of recorded) {
        expect(r.id).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        // Prisma's checksum is the sha256 hex of the file's bytes, computed here independently.
        expect(r.checksum).toBe(
          sha256(path.join(MIGRATIONS_DIR, r.migration_name, "migration.sql")),
        );
        expect(r.applied_steps_count).toBe(1);
        expect(r.logs).toBeNull();
        expect(r.rolled_back_at).toBeNull();
        expect(r.started_at).toBeInstanceOf(Date);
        expect(r.finished_at).toBeInstanceOf(Date);
        expect(r.finished_at!.getTime()).toBeGreaterThanOrEqual(r.started_at!.getTime());
        expect(r.started_at!.getTime()).toBeGreaterThan(before - 60_000);
      }
      expect(new Set(recorded.map((r) => r.id)).size).toBe(recorded.length);
      // The schema itself is there, not only the bookkeeping.
      expect(await tableExists(db.sql, "User")).toBe(true);
      expect(await tableExists(db.sql, "AuditEntry")).toBe(true);

      // The table's own shape is Prisma's, so `prisma migrate deploy` can take over later.
      const cols = await db.sql.query<{
        column_name: string;
        data_type: string;
        is_nullable: string;
      }>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = '_prisma_migrations' ORDER BY column_name`,
      );
      expect(cols).toEqual([
        { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO" },
        { column_name: "checksum", data_type: "character varying", is_nullable: "NO" },
        { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES" },
        { column_name: "id", data_type: "character varying", is_nullable: "NO" },
        { column_name: "logs", data_type: "text", is_nullable: "YES" },
        { column_name: "migration_name", data_type: "character varying", is_nullable: "NO" },
        {
          column_name: "rolled_back_at",
          data_type: "timestamp with time zone",
          is_nullable: "YES",
        },
        { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO" },
      ]);

      // A second run (the next boot) applies nothing and changes no row.
      const again = await applyMigrations(db.sql);
      expect(again).toEqual({ applied: [], alreadyApplied: names.length });
      expect(await rows(db.sql)).toEqual(recorded);
    });

    it("applies only the new migration when one is added later", async () => {
      const db = await fresh();
      const dir = migrationsDir({
        "20200101000000_a": `CREATE TABLE "A" ("id" INTEGER NOT NULL);`,
      });
      expect((await applyMigrations(db.sql, readMigrations(dir))).applied).toEqual([
        "20200101000000_a",
      ]);
      writeMigration(dir, "20200102000000_b", `CREATE TABLE "B" ("id" INTEGER NOT NULL);`);
      expect(await applyMigrations(db.sql, readMigrations(dir))).toEqual({
        applied: ["20200102000000_b"],
        alreadyApplied: 1,
      });
      expect((await rows(db.sql)).map((r) => r.migration_name)).toEqual([
        "20200101000000_a",
        "20200102000000_b",
      ]);
    });

    it("refuses a migration that changed after it was applied, naming it and both checksums", async () => {
      const db = await fresh();
      const dir = migrationsDir({
        "20200101000000_a": `CREATE TABLE "A" ("id" INTEGER NOT NULL);`,
        "20200102000000_b": `CREATE TABLE "B" ("id" INTEGER NOT NULL);`,
      });
      const original = readMigrations(dir);
      await applyMigrations(db.sql, original);
      writeMigration(dir, "20200102000000_b", `CREATE TABLE "B" ("id" BIGINT NOT NULL);`);
      writeMigration(dir, "20200103000000_c", `CREATE TABLE "C" ("id" INTEGER NOT NULL);`);
      const edited = readMigrations(dir);
      const oldSum = original[1].checksum;
      const newSum = edited[1].checksum;
      expect(newSum).not.toBe(oldSum);

      const err = await applyMigrations(db.sql, edited).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(MigrationError);
      const message = (err as Error).message;
      expect(message).toContain("20200102000000_b");
      expect(message).toContain(oldSum);
      expect(message).toContain(newSum);
      // Nothing after the refusal ran: the new migration is neither applied nor recorded.
      expect(await tableExists(db.sql, "C")).toBe(false);
      expect((await rows(db.sql)).map((r) => r.migration_name)).toEqual([
        "20200101000000_a",
        "20200102000000_b",
      ]);
    });

    it("a failing migration leaves neither its schema changes nor a row", async () => {
      const db = await fresh();
      const dir = migrationsDir({
        "20200101000000_ok": `CREATE TABLE "Ok" ("id" INTEGER NOT NULL);`,
        // The first statement succeeds; the second fails, so only a transaction can undo the first.
        "20200102000000_bad": `CREATE TABLE "Half" ("id" INTEGER NOT NULL);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;`,
        "20200103000000_after": `CREATE TABLE "After" ("id" INTEGER NOT NULL);`,
      });
      await expect(applyMigrations(db.sql, readMigrations(dir))).rejects.toThrow(
        /20200102000000_bad/,
      );
      expect(await tableExists(db.sql, "Ok")).toBe(true);
      expect(await tableExists(db.sql, "Half")).toBe(false);
      expect(await tableExists(db.sql, "After")).toBe(false);
      expect((await rows(db.sql)).map((r) => r.migration_name)).toEqual(["20200101000000_ok"]);

      // Once fixed, the next run applies it and what follows, and the database is usable.
      writeMigration(dir, "20200102000000_bad", `CREATE TABLE "Half" ("id" INTEGER NOT NULL);`);
      expect((await applyMigrations(db.sql, readMigrations(dir))).applied).toEqual([
        "20200102000000_bad",
        "20200103000000_after",
      ]);
      expect(await tableExists(db.sql, "Half")).toBe(true);
    });

    if (kind === "postgres") {
      it("two runners starting at once apply each migration exactly once (advisory lock)", async () => {
        const a = await fresh();
        // A second, independent pool on the same schema: another instance booting at the same time.
        const b = await connectDatabase({
          kind: "postgres",
          url: testDatabaseUrl()!,
          schema: a.schema,
          poolMax: 2,
        });
        try {
          const dir = migrationsDir({
            // Slow enough that without the lock the second runner would see no row yet and
            // run the same script (and fail on CREATE TABLE, or record it twice).
            "20200101000000_slow": `SELECT pg_sleep(0.5);\nCREATE TABLE "Slow" ("id" INTEGER NOT NULL);`,
            "20200102000000_next": `CREATE TABLE "Next" ("id" INTEGER NOT NULL);`,
          });
          const migrations = readMigrations(dir);
          const [ra, rb] = await Promise.all([
            applyMigrations(a.sql, migrations),
            applyMigrations(b.sql, migrations),
          ]);
          expect([...ra.applied, ...rb.applied].sort()).toEqual([
            "20200101000000_slow",
            "20200102000000_next",
          ]);
          // One runner did all the work; the other waited and found everything applied.
          expect([ra.applied.length, rb.applied.length].sort()).toEqual([0, 2]);
          const recorded = await rows(a.sql);
          expect(recorded.map((r) => r.migration_name)).toEqual([
            "20200101000000_slow",
            "20200102000000_next",
          ]);
          expect(recorded.every((r) => r.finished_at && r.applied_steps_count === 1)).toBe(true);
        } finally {
          await b.close();
        }
      });
    }
  });
}
