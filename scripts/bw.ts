// npm run bw -- <command>: the admin CLI. Run with `tsx --conditions=react-server` so lib/
// modules marked server-only load outside Next. See `npm run bw -- help`.
import os from "node:os";
import path from "node:path";
import { cliActor } from "../lib/admin/cli-actor.ts";
import { resolveCliTarget } from "../lib/admin/cli-target.ts";
import type { CommandResult } from "../lib/admin/command.ts";
import { helpText, runAdminCommand } from "../lib/admin/run-admin-command.ts";
import { connectDatabase } from "../lib/db/connect.ts";
import { DataDirBusyError } from "../lib/db/data-dir-lock.ts";
import { databaseConfig } from "../lib/db/index.ts";
import { readMigrations } from "../lib/db/migrate.ts";
import { dataDir, env } from "../lib/env.ts";
import { registerHandlers } from "../lib/server/register-handlers.ts";

const argv = process.argv.slice(2);
const osUser = (() => {
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
})();

async function runDirect(): Promise<CommandResult> {
  const config = databaseConfig();
  const database = await connectDatabase(config);
  try {
    // The CLI never migrates behind anyone's back: an unmigrated database is reported.
    const done = new Set(
      await database.sql
        .query<{ migration_name: string }>(
          `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
        .then((rows) => rows.map((r) => r.migration_name))
        // No bookkeeping table yet means nothing is applied; any other failure (unreachable
        // database, wrong credentials) is reported as itself.
        .catch((e: { code?: string }) => {
          if (e?.code === "42P01") return [] as string[];
          throw e;
        }),
    );
    const pending = readMigrations().filter((m) => !done.has(m.name));
    if (pending.length) {
      return {
        output: `The database has ${pending.length} unapplied migration(s) (${pending.map((m) => m.name).join(", ")}). Run \`npm run migrate\` (or start the server) first.`,
        exitCode: 1,
      };
    }
    // In-process, this CLI is an entry point like the server: its commands schedule timers.
    registerHandlers();
    return await runAdminCommand(argv, {
      db: database.prisma,
      actor: cliActor(osUser),
      now: new Date(),
    });
  } finally {
    await database.close();
  }
}

async function runOnServer(url: string, token: string, pid: number): Promise<CommandResult> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ argv, osUser }),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (e) {
    return {
      output: `The server (pid ${pid}) holds the embedded database but did not answer at ${url}: ${(e as Error).message}. Is it still starting?`,
      exitCode: 1,
    };
  }
  if (res.status === 401)
    return {
      output: `The server (pid ${pid}) refused the admin token; it may have restarted — retry.`,
      exitCode: 1,
    };
  const body = (await res.json().catch(() => null)) as (CommandResult & { detail?: string }) | null;
  if (!res.ok || !body || typeof body.output !== "string") {
    return {
      output: `The server answered ${res.status}: ${body?.detail ?? "unexpected response"}.`,
      exitCode: 1,
    };
  }
  return body;
}

async function main(): Promise<CommandResult> {
  if (argv.length === 0 || ["help", "--help", "-h"].includes(argv[0]))
    return { output: helpText(), exitCode: argv.length ? 0 : 2 };
  const config = databaseConfig();
  const target = resolveCliTarget({
    postgres: config.kind === "postgres",
    dataDir: dataDir(),
    pgliteDir: config.kind === "pglite" ? config.dataDir : path.join(dataDir(), "db"),
    portEnv: process.env.PORT,
    tokenEnv: env.BREAKWATER_ADMIN_TOKEN,
  });
  if (target.kind === "unavailable") return { output: target.message, exitCode: 1 };
  if (target.kind === "server") return runOnServer(target.url, target.token, target.pid);
  try {
    return await runDirect();
  } catch (e) {
    // A server that started between our check and our open: say so instead of a stack trace.
    if (e instanceof DataDirBusyError) return { output: e.message, exitCode: 1 };
    const where = env.DATABASE_URL
      ? "PostgreSQL at DATABASE_URL"
      : `the embedded database in ${dataDir()}`;
    return { output: `Could not open ${where}: ${(e as Error).message}`, exitCode: 1 };
  }
}

const result = await main();
(result.exitCode === 0 ? process.stdout : process.stderr).write(result.output + "\n");
process.exit(result.exitCode);
