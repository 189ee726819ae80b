// npm run bench:audit [-- --writers 50 --transactions 200 --entries 1 --hold-ms 0]
// Audit-log benchmark (issue 16): `--writers` connections each run `--transactions` audited
// transactions (`--entries` entries each, `--hold-ms` of other work inside) against a fresh
// PostgreSQL database while this process's sealer loop runs, as a server's does. Reports
// transactions per second, the lag from each transaction's commit to its entries being sealed
// (p50/p99/max, from sealedAt), and then verifies the chain. Loopback only; drops its database
// afterwards. Results go to stdout as JSON.
import os from "node:os";
import { parseArgs } from "node:util";
import { appendAudit } from "../lib/audit/append-audit.ts";
import { startAuditSealer, stopAuditSealer } from "../lib/audit/audit-sealer.ts";
import { verifyAudit } from "../lib/audit/verify-audit.ts";
import { connectDatabase } from "../lib/db/connect.ts";
import { useDatabase } from "../lib/db/index.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { inTransaction } from "../lib/db/transaction.ts";
import { registerHandlers } from "../lib/server/register-handlers.ts";
import { createDatabase } from "../test/reliability/support/harness.ts";

const { values: args } = parseArgs({
  options: {
    writers: { type: "string", default: "50" },
    transactions: { type: "string", default: "200" },
    entries: { type: "string", default: "1" },
    "hold-ms": { type: "string", default: "0" },
    "database-url": {
      type: "string",
      default: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    },
  },
});
const WRITERS = Number(args.writers);
const TXS = Number(args.transactions);
const ENTRIES = Number(args.entries);
const HOLD_MS = Number(args["hold-ms"]);
setTimeout(() => {
  console.error("bench: hard time limit reached, exiting");
  process.exit(3);
}, 20 * 60_000).unref();

const pct = (xs: number[], p: number) =>
  xs.length ? xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)] : null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg() };
  const created = await createDatabase(args["database-url"]!, "bw_bench_audit");
  try {
    registerHandlers();
    const database = await connectDatabase({
      kind: "postgres",
      url: created.url,
      poolMax: WRITERS + 2,
    });
    await applyMigrations(database.sql);
    useDatabase(database);
    const db = database.prisma;
    const pgVersion = (
      await database.sql.query<{ v: string }>("SELECT current_setting('server_version') AS v")
    )[0].v;
    const committedAt = new Map<string, number>();
    startAuditSealer();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < TXS; i++) {
          const key = `${w}.${i}`;
          await inTransaction(db, async (tx) => {
            for (let e = 0; e < ENTRIES; e++)
              await appendAudit(tx, {
                actor: { type: "system", label: "bench" },
                action: "bench.audited",
                details: { key, e },
              });
            if (HOLD_MS) await sleep(HOLD_MS);
          });
          committedAt.set(key, Date.now());
        }
      }),
    );
    const writeSeconds = (performance.now() - t0) / 1000;
    // The backlog drains through the loop itself: that is the lag being measured.
    const drainStart = performance.now();
    while (await db.auditEntry.findFirst({ where: { seq: null }, select: { id: true } }))
      await sleep(20);
    const drainMs = Math.round(performance.now() - drainStart);
    await stopAuditSealer();
    const rows = await database.sql.query<{ key: string; sealed: Date }>(
      `SELECT "details"->>'key' AS key, max("sealedAt") AS sealed FROM "AuditEntry" GROUP BY 1`,
    );
    // sealedAt has millisecond precision and the commit is timed just after COMMIT returns, so
    // a seal in the same millisecond can read as slightly negative: counted as 0.
    const lags = rows
      .map((r) => Math.max(0, r.sealed.getTime() - committedAt.get(r.key)!))
      .sort((a, b) => a - b);
    const t1 = performance.now();
    const verified = await verifyAudit(db);
    const verifyMs = Math.round(performance.now() - t1);
    await database.close();
    console.log(
      JSON.stringify(
        {
          backend: "postgres",
          pgVersion,
          machine: { ...machine, loadavgAfter: os.loadavg() },
          writers: WRITERS,
          transactionsPerWriter: TXS,
          entriesPerTransaction: ENTRIES,
          holdMs: HOLD_MS,
          transactions: committedAt.size,
          writeSeconds: Math.round(writeSeconds * 100) / 100,
          transactionsPerSecond: Math.round(committedAt.size / writeSeconds),
          sealLagMs: { p50: pct(lags, 0.5), p99: pct(lags, 0.99), max: lags.at(-1) ?? null },
          drainAfterWritesMs: drainMs,
          verify: { ...verified, ms: verifyMs },
        },
        null,
        2,
      ),
    );
    if (!verified.ok || verified.entries !== committedAt.size * ENTRIES) process.exitCode = 1;
  } finally {
    await created.drop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
