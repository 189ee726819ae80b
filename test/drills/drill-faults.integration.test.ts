// The drill faults the engine test does not reach, on PGlite and PostgreSQL, through the real
// fleet and agent routes: a host that refuses the command type (a "rejected" receipt with the
// scenario's reason, and the agent's command_rejected event), one that never answers it (left
// delivered, no receipt), one gone offline (its command never delivered, the fleet counts it
// offline), and a second plugin joining one host (its events open their own drill incident).
// On the way, the incident's step SLA timers follow the drill clock: held while paused, due in
// wall time on resume, twice as far off at half the speed.
import { expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_DATA_DIR = `/tmp/bw-drill-faults-test-${process.pid}`;
});

import { fleetConnectivity } from "../../lib/drills/drill-fleet.ts";
import { DRILL_TICK_TIMER, HELD_UNTIL } from "../../lib/drills/drill-timers.ts";
import { endDrill } from "../../lib/drills/end-drill.ts";
import { pauseDrill } from "../../lib/drills/pause-drill.ts";
import { resumeDrill } from "../../lib/drills/resume-drill.ts";
import { setDrillSpeed } from "../../lib/drills/set-drill-speed.ts";
import { describeDb } from "../db.ts";
import { useDrillTestEnv, waitFor } from "./drill-test-env.ts";

const SCENARIO = `slug: faults
title: Faults
objectives: [See every fault]
playbook: unsigned-plugin
roles:
  - key: investigator
fleet:
  hosts: 5
  hostnamePrefix: t-fault
  plugins:
    - { name: theme-pack, version: 3.2.0 }
durationSeconds: 3000
injects:
  - { id: refuses, at: 0, kind: command_rejected, hosts: { count: 1 }, commandType: quarantine_plugin, reason: policy says no }
  - { id: mute, at: 0, kind: command_silent, hosts: { count: 1, skip: 1 }, commandType: quarantine_plugin }
  - id: loaded
    at: 2
    kind: events
    hosts: all
    plugin: { name: theme-pack, version: 3.2.0 }
    eventType: unsigned_plugin_loaded
    severity: high
  - { id: gone, at: 40, kind: host_offline, hosts: { count: 1, skip: 4 } }
  - id: joins
    at: 45
    kind: plugin_joins
    hosts: { count: 1, skip: 2 }
    plugin: { name: color-picker, version: 1.0.0 }
    eventType: unsigned_plugin_loaded
    severity: high
expected:
  - { id: q, label: Quarantine issued, action: command_issued, commandType: quarantine_plugin, role: investigator, within: 300 }
`;

describeDb("drill faults", (t) => {
  const env = useDrillTestEnv(t, "faults", SCENARIO, { timerWorker: true });

  it("rejects, stays silent, goes offline and lets a second plugin join, each as the scenario says", async () => {
    const run = await env.start();
    // Held while the fleet enrols (however slow the machine), then on to T+40.
    await waitFor(
      "the T+2 events inject",
      () => t.db.drillInject.findMany({ where: { drillRunId: run.id, status: "fired" } }),
      (fired) => fired.length === 3,
    );
    await pauseDrill(run.id, env.facilitator.actor, t.db);
    const theme = await waitFor(
      "the theme-pack incident with all five hosts",
      () =>
        t.db.incident.findMany({
          where: { drillRunId: run.id },
          select: { id: true, hosts: { select: { hostId: true } } },
        }),
      (rows) => rows.length === 1 && rows[0].hosts.length === 5,
    ).then((rows) => rows[0]);
    // The incident's step SLAs run on drill time: held while the drill is paused …
    const slaTimers = () =>
      t.db.timer.findMany({
        where: {
          status: "pending",
          kind: { not: DRILL_TICK_TIMER },
          payload: { path: ["drillRunId"], equals: run.id },
        },
        select: { id: true, dueAt: true },
        orderBy: { id: "asc" },
      });
    const held = await waitFor("the first step's SLA timer", slaTimers, (ts) => ts.length > 0);
    expect(held.every((x) => x.dueAt.getTime() === HELD_UNTIL.getTime())).toBe(true);
    await resumeDrill(run.id, env.facilitator.actor, t.db);
    // … and due in wall time once it runs again: a 5-minute SLA is about 30 s at ×10.
    const running = await slaTimers();
    expect(running.map((x) => x.id)).toEqual(held.map((x) => x.id));
    const left = (ts: { dueAt: Date }[]) =>
      Math.min(...ts.map((x) => x.dueAt.getTime())) - Date.now();
    expect(left(running)).toBeGreaterThan(0);
    expect(left(running)).toBeLessThan(31_000);
    // T+40 at ×10: the fifth host goes offline, and only the fleet knows (it stops polling).
    await waitFor(
      "the host_offline inject",
      async () => fleetConnectivity(run.id),
      (c) => c?.offline === 1,
    );
    expect(fleetConnectivity(run.id)).toEqual({ online: 4, offline: 1 });

    const hosts = await t.db.host.findMany({
      where: { drillRunId: run.id },
      select: { id: true },
      orderBy: { hostname: "asc" },
    });
    const r = await env.quarantine("theme-pack", theme.id, { hostIds: hosts.map((h) => h.id) });
    const byHost = async () =>
      Object.fromEntries(
        (
          await t.db.command.findMany({
            where: { requestId: r.requestId },
            select: {
              status: true,
              deliveryCount: true,
              failureReason: true,
              host: { select: { hostname: true } },
            },
          })
        ).map((c) => [c.host.hostname, c]),
      );
    const done = await waitFor(
      "the rejected receipt and both successes",
      byHost,
      (m) =>
        m["t-fault-0001"]?.status === "failed" &&
        m["t-fault-0003"]?.status === "succeeded" &&
        m["t-fault-0004"]?.status === "succeeded" &&
        m["t-fault-0002"]?.status === "delivered",
    );
    expect(done["t-fault-0001"].failureReason).toContain("policy says no");
    // The silent host took the command and never answered; the offline one never took it.
    await new Promise((res) => setTimeout(res, 1500));
    const later = await byHost();
    expect(later["t-fault-0002"]).toMatchObject({ status: "delivered", deliveryCount: 1 });
    expect(later["t-fault-0005"]).toMatchObject({ status: "queued", deliveryCount: 0 });
    const refusal = await t.db.event.findFirst({
      where: { type: "command_rejected", host: { hostname: "t-fault-0001" } },
      select: { details: true },
    });
    expect(JSON.stringify(refusal?.details)).toContain("policy says no");

    // T+45: color-picker joins the third host and opens its own drill incident there.
    const joined = await waitFor(
      "the color-picker incident",
      () =>
        t.db.event.findMany({
          where: { pluginName: "color-picker", host: { drillRunId: run.id } },
          select: { incidentId: true, host: { select: { hostname: true } } },
        }),
      (evs) => evs.length > 0 && evs.every((e) => e.incidentId !== null),
    );
    expect(joined.map((e) => e.host.hostname)).toEqual(["t-fault-0003"]);
    expect(joined[0].incidentId).not.toBe(theme.id);
    const second = await t.db.incident.findUniqueOrThrow({
      where: { id: joined[0].incidentId! },
      select: { drillRunId: true, drill: true },
    });
    expect(second).toEqual({ drillRunId: run.id, drill: true });

    const injects = await t.db.drillInject.findMany({
      where: { drillRunId: run.id },
      orderBy: { index: "asc" },
      select: { status: true },
    });
    expect(injects.map((i) => i.status)).toEqual(["fired", "fired", "fired", "fired", "fired"]);
    // Half the speed, twice the wall time left before the SLA falls due.
    const before = left(await slaTimers());
    await setDrillSpeed(run.id, { speed: 5 }, env.facilitator.actor, t.db);
    const after = left(await slaTimers());
    expect(after / before).toBeGreaterThan(1.8);
    expect(after / before).toBeLessThan(2.2);
    await endDrill(run.id, env.facilitator.actor, t.db);
  });
});
