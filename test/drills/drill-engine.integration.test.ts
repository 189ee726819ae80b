// The drill engine end to end, on PGlite and PostgreSQL: a shortened scenario started through
// the lib entry point, its in-process fleet of reference agents enrolling and sending events
// through the real agent routes over HTTP, a drill incident, a command with a command_fails
// fault answered "failed" by the chosen hosts, the end (fleet stopped, no timer left). Then
// the isolation proofs: a real host running the same plugin never receives a drill command
// (it long-polls as itself while a fleet-wide drill command goes out), and two drills at once
// never share an incident or a host.
import { expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_DATA_DIR = `/tmp/bw-drill-test-${process.pid}`;
});

import { NextRequest } from "next/server";
import { pluginSha256 } from "../../agent/simulated-inventory.ts";
import { GET as commandsRoute } from "../../app/api/agent/v1/commands/route.ts";
import { getDrillFleet } from "../../lib/drills/drill-fleet.ts";
import { endDrill } from "../../lib/drills/end-drill.ts";
import { pauseDrill } from "../../lib/drills/pause-drill.ts";
import { describeDb } from "../db.ts";
import { createTestHost } from "../ingest-fixtures.ts";
import { useDrillTestEnv, waitFor } from "./drill-test-env.ts";

const PLUGIN = { name: "theme-pack", version: "3.2.0" };
const SHORT = `slug: short-rollback
title: Short drill for the engine test
objectives: [Contain it]
playbook: unsigned-plugin
roles:
  - key: commander
  - key: investigator
fleet:
  hosts: 4
  hostnamePrefix: t-drill
  plugins:
    - { name: theme-pack, version: 3.2.0 }
durationSeconds: 3000
injects:
  - { id: hello, at: 0, kind: message, text: "The drill begins." }
  - id: fails
    at: 0
    kind: command_fails
    hosts: { count: 2 }
    commandType: quarantine_plugin
    reason: simulated disk full
  - id: loaded
    at: 2
    kind: events
    hosts: all
    plugin: { name: theme-pack, version: 3.2.0 }
    eventType: unsigned_plugin_loaded
    severity: high
expected:
  - { id: q, label: Quarantine issued, action: command_issued, commandType: quarantine_plugin, role: investigator, within: 300 }
`;

describeDb("drill engine", (t) => {
  const env = useDrillTestEnv(t, "short-rollback", SHORT, { timerWorker: true });

  const start = () => env.start({ pollWaitSeconds: 2 });

  const drillIncident = (runId: string) =>
    waitFor(
      "the drill incident with all four hosts",
      () =>
        t.db.incident.findMany({
          where: { drillRunId: runId },
          select: { id: true, drill: true, hosts: { select: { hostId: true } } },
        }),
      (rows) => rows.length === 1 && rows[0].hosts.length === 4,
    ).then((rows) => rows[0]);

  const quarantine = (incidentId: string, body: Record<string, unknown>) =>
    env.quarantine(PLUGIN.name, incidentId, body);

  it("runs a shortened scenario end to end: fleet events → drill incident → command_fails → failed receipts → end with the fleet stopped and no timer left", async () => {
    const view = await start();
    expect(view.key).toMatch(/^DRL-\d{4}-\d{4}$/);
    expect(view.status).toBe("running");
    const incident = await drillIncident(view.id);
    expect(incident.drill).toBe(true);
    const hosts = await t.db.host.findMany({
      where: { drillRunId: view.id },
      select: { id: true, simulated: true, hostname: true },
      orderBy: { hostname: "asc" },
    });
    expect(hosts.map((h) => h.simulated)).toEqual([true, true, true, true]);
    // The participant got the playbook role; the message reached them as a DRILL notification.
    const seat = await t.db.incidentRole.findFirst({
      where: { incidentId: incident.id, key: "investigator" },
      select: { userId: true },
    });
    expect(seat?.userId).toBe(env.responder.id);
    const notes = await t.db.notification.findMany({ where: { userId: env.responder.id } });
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n) => n.title.startsWith("DRILL — "))).toBe(true);

    const r = await quarantine(incident.id, { hostIds: hosts.map((h) => h.id) });
    const cmds = await waitFor(
      "all four receipts",
      () =>
        t.db.command.findMany({
          where: { requestId: r.requestId },
          select: { status: true, host: { select: { hostname: true } } },
        }),
      (cs) => cs.every((c) => c.status === "failed" || c.status === "succeeded"),
    );
    const byHost = Object.fromEntries(cmds.map((c) => [c.host.hostname, c.status]));
    // command_fails picked the first two hosts of the fleet; the other two carried it out.
    expect(byHost).toEqual({
      "t-drill-0001": "failed",
      "t-drill-0002": "failed",
      "t-drill-0003": "succeeded",
      "t-drill-0004": "succeeded",
    });

    const injects = await t.db.drillInject.findMany({
      where: { drillRunId: view.id },
      orderBy: { index: "asc" },
    });
    expect(injects.map((i) => i.status)).toEqual(["fired", "fired", "fired"]);

    await pauseDrill(view.id, env.facilitator.actor, t.db);
    await expect(pauseDrill(view.id, env.facilitator.actor, t.db)).rejects.toMatchObject({
      code: "conflict",
    });
    const ended = await endDrill(view.id, env.facilitator.actor, t.db);
    expect(ended.status).toBe("ended");
    expect(ended.endReason).toBe("facilitator");
    // Scored in the ending transaction: the ended run already carries its score.
    expect(ended.score?.actions.map((a) => a.id)).toEqual(["q"]);
    expect(ended.overallScore).toBe(ended.score?.overall);
    expect(getDrillFleet(view.id)).toBeNull();
    const pending = await t.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Timer" WHERE "status" = 'pending' AND ("payload"->>'drillRunId' = $1
         OR "payload"->>'commandId' IN (SELECT "id" FROM "Command" WHERE "incidentId" = $2)
         OR "payload"->>'stepRunId' IN (SELECT s."id" FROM "StepRun" s JOIN "PlaybookRun" p ON p."id" = s."runId" WHERE p."incidentId" = $2))`,
      [view.id, incident.id],
    );
    expect(pending[0].n).toBe(0);
    const live = await t.db.host.count({ where: { drillRunId: view.id, status: "active" } });
    expect(live).toBe(0);
    const types = ended.entries.map((e) => e.type);
    expect(types[0]).toBe("drill.started");
    expect(types).toContain("drill.paused");
    expect(types.at(-1)).toBe("drill.ended");
    await expect(endDrill(view.id, env.facilitator.actor, t.db)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("never sends a drill command to a real host running the same plugin, fleet-wide included; two drills at once never share a host or an incident", async () => {
    // A real, enrolled host (not simulated, no drill) with the very same plugin.
    const real = await createTestHost(t.db, "real-ws-01", {
      plugins: {
        create: {
          ...PLUGIN,
          origin: "https://plugins.example.test",
          signer: null,
          sha256: pluginSha256(PLUGIN.name, PLUGIN.version),
          permissions: [],
          state: "active",
          updatedAt: new Date(),
        },
      },
    });
    const a = await start();
    const b = await start();
    const [ia, ib] = await Promise.all([drillIncident(a.id), drillIncident(b.id)]);
    expect(ia.id).not.toBe(ib.id);
    const hostsOf = async (runId: string) =>
      new Set(
        (await t.db.host.findMany({ where: { drillRunId: runId }, select: { id: true } })).map(
          (h) => h.id,
        ),
      );
    const [ha, hb] = await Promise.all([hostsOf(a.id), hostsOf(b.id)]);
    expect(ia.hosts.every((h) => ha.has(h.hostId))).toBe(true);
    expect(ib.hosts.every((h) => hb.has(h.hostId))).toBe(true);
    expect([...ha].some((id) => hb.has(id))).toBe(false);

    // The real host long-polls as itself while drill A's fleet-wide quarantine goes out.
    const poll = commandsRoute(
      new NextRequest(`${env.serverUrl}/api/agent/v1/commands?waitSeconds=3`, {
        headers: { authorization: `Bearer ${real.token}` },
      }),
      { params: Promise.resolve({}) },
    );
    const r = await quarantine(ia.id, { fleet: { plugin: { name: PLUGIN.name } } });
    const targeted = await t.db.command.findMany({
      where: { requestId: r.requestId },
      select: { hostId: true },
    });
    expect(targeted.length).toBe(4);
    expect(targeted.every((c) => ha.has(c.hostId))).toBe(true);
    const answer = await poll;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { commands: unknown[] }).commands).toEqual([]);
    expect(await t.db.command.count({ where: { hostId: real.id } })).toBe(0);

    // Naming the real host, or drill B's, on drill A's incident is refused whole: 4xx, nothing written.
    for (const hostId of [real.id, [...hb][0]])
      await expect(quarantine(ia.id, { hostIds: [[...ha][0], hostId] })).rejects.toMatchObject({
        code: "invalid_input",
      });
    expect(await t.db.command.count({ where: { hostId: { in: [real.id, ...hb] } } })).toBe(0);

    await endDrill(a.id, env.facilitator.actor, t.db);
    await endDrill(b.id, env.facilitator.actor, t.db);
    expect(getDrillFleet(a.id) ?? getDrillFleet(b.id)).toBeNull();
  });
});
