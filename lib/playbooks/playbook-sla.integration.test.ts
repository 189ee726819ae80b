// SLA escalation of playbook steps: level by level, once across workers, and after a restart.
import { beforeAll, expect, it } from "vitest";
import { describeDb, testDatabaseUrl } from "../../test/db.ts";
import {
  createTestIncident,
  createTestUser,
  startEscapeRunWithCommander,
  stepsByKey,
} from "../../test/playbook-fixtures.ts";
import { runDueTimers } from "../timers/run-due-timers.ts";
import { actOnStep } from "./act-on-step.ts";
import { startPlaybookRun } from "./start-playbook-run.ts";
import { syncPlaybookFiles } from "./sync-playbook-files.ts";
import { PLAYBOOK_TIMER_HANDLERS } from "./timer-handlers.ts";

const MIN = 60_000;
const later = (t: Date, minutes: number) => new Date(t.getTime() + minutes * MIN);

describeDb("playbook SLAs", (t) => {
  // The shipped playbook files, published as the first test of playbook-run does.
  beforeAll(() => syncPlaybookFiles({ db: t.db }));
  const steps = (runId: string) => stepsByKey(t.db, runId);

  it("escalates when the SLA passes, level by level, repeating, exactly once even with two workers", async () => {
    const commander = await createTestUser(t.db, "responder");
    const manager = await createTestUser(t.db, "manager");
    const inc = await createTestIncident(t.db);
    const t0 = new Date();
    const { runId } = await startEscapeRunWithCommander({ incidentId: inc.id, commander, now: t0 });
    const triage = (await steps(runId)).triage;
    const h = PLAYBOOK_TIMER_HANDLERS;
    // Other tests' runs share the timer table: drain what is due before our first deadline.
    await runDueTimers(h, { db: t.db, now: () => later(t0, 9) });
    expect(await t.db.stepRun.findUniqueOrThrow({ where: { id: triage.id } })).toMatchObject({
      escalationLevel: 0,
      breachedAt: null,
    });
    // Two workers poll at 10 minutes: SLA breach + level 1 fire once in total.
    const [a, b] = await Promise.all([
      runDueTimers(h, { db: t.db, now: () => later(t0, 10.5) }),
      runDueTimers(h, { db: t.db, now: () => later(t0, 10.5) }),
    ]);
    expect(a + b).toBeGreaterThanOrEqual(2);
    const mine = await t.db.timer.findMany({
      where: { dedupeKey: { in: [`sla:${triage.id}`, `esc:${triage.id}:0`] } },
      select: { status: true, attempts: true },
    });
    expect(mine).toEqual([
      { status: "done", attempts: 1 },
      { status: "done", attempts: 1 },
    ]);
    let s = await t.db.stepRun.findUniqueOrThrow({ where: { id: triage.id } });
    expect(s.escalationLevel).toBe(1);
    expect(s.breachedAt).not.toBeNull();
    expect(
      await t.db.notification.count({
        where: { userId: commander.id, title: { startsWith: "Escalation level 1" } },
      }),
    ).toBe(1);
    // Level 2 (managers) at 20 min, then repeats every 15 min.
    await Promise.all([
      runDueTimers(h, { db: t.db, now: () => later(t0, 36) }),
      runDueTimers(h, { db: t.db, now: () => later(t0, 36) }),
    ]);
    s = await t.db.stepRun.findUniqueOrThrow({ where: { id: triage.id } });
    expect(s.escalationLevel).toBe(3);
    expect(
      await t.db.notification.count({
        where: {
          userId: manager.id,
          title: { startsWith: "Escalation level" },
          incidentId: inc.id,
        },
      }),
    ).toBe(2);
    const escalations = await t.db.timelineEntry.count({
      where: { incidentId: inc.id, type: "playbook.step_escalated" },
    });
    expect(escalations).toBe(3);
    // Finishing the step stops the chain.
    await actOnStep({
      stepRunId: triage.id,
      action: { action: "complete" },
      actor: commander.actor,
      now: later(t0, 37),
    });
    await runDueTimers(h, { db: t.db, now: () => later(t0, 500) });
    expect(
      await t.db.timelineEntry.count({
        where: {
          incidentId: inc.id,
          type: "playbook.step_escalated",
          details: { path: ["step"], equals: "triage" },
        },
      }),
    ).toBe(3);
  });

  it("fires an SLA that passed while no server was running as soon as a fresh instance polls", async () => {
    const inc = await createTestIncident(t.db);
    const t0 = new Date(Date.now() - 60 * MIN);
    const { runId } = await startPlaybookRun({
      incidentId: inc.id,
      slug: "unsigned-plugin",
      actor: { type: "system", label: "test" },
      now: t0,
    });
    // A second instance: its own connection pool on PostgreSQL; the same embedded DB on PGlite.
    let fresh = t.db;
    let close = async () => {};
    if (t.kind === "postgres") {
      const { connectDatabase } = await import("../db/connect.ts");
      const d = await connectDatabase({
        kind: "postgres",
        url: testDatabaseUrl()!,
        schema: t.database.schema,
        poolMax: 2,
      });
      fresh = d.prisma;
      close = () => d.close();
    }
    try {
      const { PLAYBOOK_TIMER_HANDLERS: handlers } = await import("./timer-handlers.ts");
      expect(await runDueTimers(handlers, { db: fresh })).toBeGreaterThanOrEqual(3);
    } finally {
      await close();
    }
    const q = (await steps(runId)).quarantine;
    expect(q.breachedAt).not.toBeNull();
    expect(q.escalationLevel).toBeGreaterThanOrEqual(2);
  });
});
