// A drill's fleet lives in the memory of the instance that started it. On PGlite and
// PostgreSQL: that instance owns the run and its inject driver is pinned to it; a timer pinned
// to another instance is never fired here; a run whose owner still beats is left alone by the
// orphan sweep, and one whose owner went quiet is ended with its timers.
import { expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_DATA_DIR = `/tmp/bw-drill-owner-test-${process.pid}`;
});

import { getDrillFleet, stopDrillFleet } from "../../lib/drills/drill-fleet.ts";
import { beatDrillOwnership } from "../../lib/drills/drill-heartbeat.ts";
import { DRILL_TICK_TIMER } from "../../lib/drills/drill-timers.ts";
import { endDrill } from "../../lib/drills/end-drill.ts";
import { endOrphanedDrills } from "../../lib/drills/end-orphaned-drills.ts";
import { instanceId } from "../../lib/instance-id.ts";
import { runDueTimers } from "../../lib/timers/run-due-timers.ts";
import { registeredTimerHandlers } from "../../lib/timers/timer-registry.ts";
import { describeDb } from "../db.ts";
import { useDrillTestEnv } from "./drill-test-env.ts";

const SCENARIO = `slug: owned
title: Ownership test
objectives: [Hold the fleet]
playbook: unsigned-plugin
roles:
  - key: commander
fleet:
  hosts: 1
  hostnamePrefix: t-owner
  plugins:
    - { name: theme-pack, version: 3.2.0 }
durationSeconds: 3000
injects:
  - { id: later, at: 2000, kind: message, text: "Not yet." }
expected:
  - { id: q, label: Quarantine issued, action: command_issued, commandType: quarantine_plugin, role: commander, within: 300 }
`;

const OTHER = "another-instance";

describeDb("drill ownership across instances", (t) => {
  const env = useDrillTestEnv(t, "owned", SCENARIO);

  const start = () =>
    env.start({
      speed: 1,
      participants: [{ userId: env.facilitator.id, role: "facilitator" }],
    });
  const pendingTicks = (runId: string) =>
    t.db.timer.findMany({
      where: {
        kind: DRILL_TICK_TIMER,
        status: "pending",
        payload: { path: ["drillRunId"], equals: runId },
      },
      select: { id: true, instance: true },
    });

  it("fires a timer pinned to this instance or to none, never one pinned to another", async () => {
    const due = new Date(Date.now() - 1000);
    const payload = { drillRunId: "no-such-run", drillDueMs: 0 };
    const [mine, anyone, theirs] = await Promise.all(
      [instanceId(), null, OTHER].map((instance) =>
        t.db.timer.create({ data: { kind: DRILL_TICK_TIMER, dueAt: due, payload, instance } }),
      ),
    );
    await runDueTimers(registeredTimerHandlers(), { db: t.db });
    const status = async (id: string) =>
      (await t.db.timer.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(mine.id)).toBe("done");
    expect(await status(anyone.id)).toBe("done");
    expect(await status(theirs.id)).toBe("pending");
    await t.db.timer.delete({ where: { id: theirs.id } });
  });

  it("owns the runs it starts, beats for them, and pins their inject driver here", async () => {
    const run = await start();
    try {
      const row = await t.db.drillRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(row.ownerInstance).toBe(instanceId());
      expect(await pendingTicks(run.id)).toEqual([
        { id: expect.any(String), instance: instanceId() },
      ]);
      const old = new Date(Date.now() - 60_000);
      await t.db.drillRun.update({ where: { id: run.id }, data: { ownerSeenAt: old } });
      // Its fleet is here, so the sweep leaves it alone however old the last beat.
      expect(await endOrphanedDrills(t.db)).toEqual([]);
      expect(await beatDrillOwnership(t.db)).toBe(1);
      const beaten = await t.db.drillRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(beaten.ownerSeenAt!.getTime()).toBeGreaterThan(old.getTime());
    } finally {
      await endDrill(run.id, env.facilitator.actor, t.db);
    }
  });

  it("leaves a run to its live owner elsewhere and ends it once that owner goes quiet", async () => {
    const run = await start();
    // As another instance would hold it: its fleet not in this process, its owner elsewhere.
    await stopDrillFleet(run.id);
    expect(getDrillFleet(run.id)).toBeNull();
    await t.db.drillRun.update({
      where: { id: run.id },
      data: { ownerInstance: OTHER, ownerSeenAt: new Date() },
    });
    expect(await endOrphanedDrills(t.db)).toEqual([]);
    expect((await t.db.drillRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe(
      "running",
    );
    await t.db.drillRun.update({
      where: { id: run.id },
      data: { ownerSeenAt: new Date(Date.now() - 60_000) },
    });
    expect(await endOrphanedDrills(t.db)).toEqual([run.key]);
    const ended = await t.db.drillRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended).toMatchObject({ status: "ended", endReason: "server restarted" });
    expect(await pendingTicks(run.id)).toEqual([]);
  });
});
