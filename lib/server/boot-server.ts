import "server-only";
import { publishAdminEndpoint } from "../admin/admin-token.ts";
import { CUSTODY_CHECKPOINT_TIMER } from "../artifacts/checkpoint-custody.ts";
import { startAuditSealer } from "../audit/audit-sealer.ts";
import { AUDIT_CHECKPOINT_TIMER } from "../audit/checkpoint-timer.ts";
import { startClusterBus } from "../db/cluster-bus.ts";
import { openDatabase } from "../db/index.ts";
import { seedDemo } from "../demo/seed-demo.ts";
import { startDrillHeartbeat } from "../drills/drill-heartbeat.ts";
import { endOrphanedDrills } from "../drills/end-orphaned-drills.ts";
import { DRILL_ORPHANS_TIMER } from "../drills/timer-handlers.ts";
import { dataDir, env } from "../env.ts";
import { EVENT_RETENTION_TIMER } from "../events/purge-expired-events.ts";
import { logger } from "../log.ts";
import { startWebhookWorker } from "../notifications/flows/deliver-webhooks.ts";
import { loadPlaybooksAtBoot } from "../playbooks/load-at-boot.ts";
import { adoptLegacyKeys } from "../signing/key-store.ts";
import { getActiveSigningKey } from "../signing/server-keys.ts";
import { ensureRecurringTimer } from "../timers/recurring-timer.ts";
import { startTimerWorker } from "../timers/timer-worker.ts";
import { needsSetup, setupFirstAdmin } from "../users/setup-first-admin.ts";
import { registerHandlers } from "./register-handlers.ts";

export async function bootServer() {
  registerHandlers();
  const database = await openDatabase();
  logger.info("database ready", { kind: database.kind });
  // Before anything can publish: other instances must hear this one's changes from the start.
  await startClusterBus(database);
  // One key set for the deployment: bring this data dir's old key file in, and refuse to serve
  // when this instance cannot open the deployment's signing key (wrong or missing secret).
  await adoptLegacyKeys(database.prisma);
  await getActiveSigningKey(database.prisma);
  // `npm run bw` reaches this process through the admin API while it holds the embedded database.
  publishAdminEndpoint(dataDir(), env.PORT);
  if (
    env.BREAKWATER_ADMIN_EMAIL &&
    env.BREAKWATER_ADMIN_PASSWORD &&
    (await needsSetup(database.prisma))
  ) {
    await setupFirstAdmin(
      {
        email: env.BREAKWATER_ADMIN_EMAIL,
        password: env.BREAKWATER_ADMIN_PASSWORD,
        name: "Administrator",
      },
      "environment",
    );
    logger.info("first admin created from BREAKWATER_ADMIN_EMAIL", {
      email: env.BREAKWATER_ADMIN_EMAIL,
    });
  }
  await loadPlaybooksAtBoot(database.prisma);
  // Before the timer worker starts: runs whose fleet died with their instance end now (those of
  // a live instance are left to it; the drills.orphans sweep catches owners that die later).
  await endOrphanedDrills(database.prisma);
  startDrillHeartbeat();
  // Demo data is a convenience: a failed seed is logged, never a reason not to serve.
  if (env.BREAKWATER_DEMO)
    await seedDemo(database.prisma).catch((error) => logger.error("demo seed failed", { error }));
  // Signed chain checkpoints every minute, the orphaned-drill sweep and the raw-event
  // retention, shared by every instance (one pending timer each).
  for (const kind of [
    AUDIT_CHECKPOINT_TIMER,
    CUSTODY_CHECKPOINT_TIMER,
    DRILL_ORPHANS_TIMER,
    EVENT_RETENTION_TIMER,
  ])
    await ensureRecurringTimer(database.prisma, kind);
  startTimerWorker();
  startWebhookWorker();
  // Chains committed audit entries within a fraction of a second; one instance seals per round.
  startAuditSealer();
}
