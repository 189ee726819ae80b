import "server-only";
import { unsealedEntries } from "../audit/verify-audit.ts";
import { COMMAND_STATUSES } from "../commands/transitions.ts";
import { type Db, getDb, openDatabase } from "../db/index.ts";
import { telemetry } from "../telemetry.ts";

/**
 * GET /api/metrics: the text exposition of every instrument, with the gauges that live in
 * the database read now. Each read is one indexed query (commands by status, the oldest due
 * timer, the sealer's backlog on its partial index), so a scrape every 15 s costs next to
 * nothing; counters and histograms are this process's (each instance is its own target).
 */
export async function renderPrometheusMetrics(db?: Db) {
  const client = db ?? (await getDb());
  const now = Date.now();
  const [byState, dueTimer, backlog] = await Promise.all([
    client.command.groupBy({ by: ["status"], _count: { _all: true } }),
    client.timer.findFirst({
      where: { status: "pending", dueAt: { lte: new Date(now) } },
      orderBy: { dueAt: "asc" },
      select: { dueAt: true },
    }),
    unsealedEntries(client, now),
  ]);
  const counts = new Map(byState.map((r) => [r.status as string, r._count._all]));
  for (const s of COMMAND_STATUSES) telemetry.commands.set({ state: s }, counts.get(s) ?? 0);
  telemetry.timerLag.set(dueTimer ? Math.max(0, (now - dueTimer.dueAt.getTime()) / 1000) : 0);
  telemetry.auditUnsealed.set(backlog.unsealed);
  telemetry.auditSealLag.set(backlog.oldestUnsealedSeconds ?? 0);
  const pool = (await openDatabase()).poolStats?.();
  for (const state of ["total", "idle", "waiting"] as const)
    telemetry.dbPool.set({ state }, pool?.[state] ?? 0);
  return {
    contentType: telemetry.registry.contentType,
    body: await telemetry.registry.metrics(),
  };
}
