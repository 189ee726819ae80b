// `npm run migrate` and `npm run bw` as a user runs them: separate processes on an embedded
// data directory (and on a scratch PostgreSQL database when TEST_DATABASE_URL is set).
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { readMigrations } from "../lib/db/migrate.ts";
import { testDatabaseUrl } from "../test/db.ts";

const exec = promisify(execFile);
const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");
type Out = { code: number; stdout: string; stderr: string };

async function script(
  name: "migrate" | "bw",
  args: string[],
  env: Record<string, string>,
): Promise<Out> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  delete childEnv.PORT;
  try {
    const r = await exec(
      process.execPath,
      [TSX, "--conditions=react-server", `scripts/${name}.ts`, ...args],
      { env: childEnv },
    );
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const migrationCount = readMigrations().length;

// Each step starts a process that opens PGlite (WASM): generous timeouts for busy CI machines.
describe("npm run migrate / npm run bw on the embedded database", { timeout: 180_000 }, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bw-cli-"));
  dirs.push(dataDir);
  const env = { BREAKWATER_DATA_DIR: dataDir };

  it("bw refuses an unmigrated database; migrate applies every migration", async () => {
    const early = await script("bw", ["users", "list"], env);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain("unapplied migration(s)");

    const first = await script("migrate", [], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`applied ${migrationCount} migration(s)`);
  });

  it("bw opens the data directory directly when no server holds it", async () => {
    const created = await script(
      "bw",
      ["users", "create", "--email", "cli@example.test", "--name", "Cli", "--role", "admin"],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Password \(shown once[^:]*\): \S{24}/);
    const list = await script("bw", ["users", "list"], env);
    expect(list.stdout).toMatch(/cli@example\.test\s+Cli\s+admin\s+active/);
    // The directory lock was released: nothing is left holding it.
    expect(fs.existsSync(path.join(dataDir, "db", "pglite.pid"))).toBe(false);
  });

  it("while a server holds the data directory, migrate refuses and bw explains what it needs", async () => {
    // This test process stands in for the server: a live pid in the lock file.
    fs.writeFileSync(path.join(dataDir, "db", "pglite.pid"), String(process.pid));
    try {
      const m = await script("migrate", [], env);
      expect(m.code).toBe(1);
      expect(m.stderr).toContain(`held by the running server (pid ${process.pid})`);
      const b = await script("bw", ["users", "list"], env);
      expect(b.code).toBe(1);
      expect(b.stderr).toContain(`held by process ${process.pid}`);
      expect(b.stderr).toContain("admin-token does not exist");
    } finally {
      fs.unlinkSync(path.join(dataDir, "db", "pglite.pid"));
    }
  });
});

describe.runIf(testDatabaseUrl())(
  "npm run migrate / npm run bw on PostgreSQL (DATABASE_URL)",
  { timeout: 180_000 },
  () => {
    const name = `bw_cli_${crypto.randomBytes(5).toString("hex")}`;
    const admin = async (sql: string) => {
      const c = new pg.Client({ connectionString: testDatabaseUrl() });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    const url = () => {
      const u = new URL(testDatabaseUrl()!);
      u.pathname = `/${name}`;
      return u.toString();
    };
    afterAll(async () => {
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });

    it("migrates, then runs commands directly against the database", async () => {
      await admin(`CREATE DATABASE "${name}"`);
      const env = {
        DATABASE_URL: url(),
        BREAKWATER_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "bw-cli-pg-")),
      };
      dirs.push(env.BREAKWATER_DATA_DIR);
      expect((await script("migrate", [], env)).stdout).toContain(
        `PostgreSQL (DATABASE_URL): applied ${migrationCount} migration(s)`,
      );
      expect(
        (
          await script(
            "bw",
            [
              "users",
              "create",
              "--email",
              "pg@example.test",
              "--name",
              "Pg",
              "--role",
              "manager",
              "--password",
              "postgres password",
            ],
            env,
          )
        ).code,
      ).toBe(0);
      expect((await script("bw", ["audit", "verify"], env)).stdout.trim()).toBe(
        "verified 1 entries",
      );

      const unreachable = await script("bw", ["users", "list"], {
        ...env,
        DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none",
      });
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toContain("Could not open PostgreSQL at DATABASE_URL");
    });
  },
);
