import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { createTestHost, ev } from "../../test/ingest-fixtures.ts";
import type { Actor } from "../audit/actor.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { ingestEvents } from "../events/ingest-events.ts";
import { getIncident } from "./get-incident.ts";
import { listIncidentEvents } from "./list-incident-events.ts";
import { listIncidents } from "./list-incidents.ts";
import { transitionIncident } from "./transition-incident.ts";

const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
const alice: Actor = { type: "user", id: "u-alice", label: "alice@example.com" };
const bob: Actor = { type: "user", id: "u-bob", label: "bob@example.com" };
const plugin = (name: string) => ({
  name,
  version: "1.0.0",
  sha256: Buffer.from(name.padEnd(32, "_")).toString("hex"),
});

describeDb("incidents from ingest", (t) => {
  it("correlates the same plugin across hosts into one incident, tracks hosts, max severity and keys", async () => {
    const p = plugin("fleet-wide");
    const [a, b] = [await createTestHost(t.db, "ws-a"), await createTestHost(t.db, "ws-b")];
    const r1 = await ingestEvents(a, {
      events: [ev({ plugin: p, type: "quota_exceeded", observedAt: ago(10) })],
    });
    // Two hosts at once: the key lock must leave exactly one incident.
    const [r2, r3] = await Promise.all([
      ingestEvents(b, {
        events: [ev({ plugin: p, type: "permission_violation", observedAt: ago(12) })],
      }),
      ingestEvents(a, {
        events: [ev({ plugin: p, type: "sandbox_escape_attempt", observedAt: ago(2) })],
      }),
    ]);
    expect(new Set([...r1.incidentIds, ...r2.incidentIds, ...r3.incidentIds]).size).toBe(1);
    const inc = await t.db.incident.findUniqueOrThrow({
      where: { id: r1.incidentIds[0] },
      include: { hosts: true },
    });
    expect(inc).toMatchObject({
      severity: "critical",
      status: "open",
      eventCount: 3,
      drill: false,
      title: "Quota exceeded — fleet-wide",
      correlationKey: "plugin:fleet-wide",
    });
    expect(inc.key).toMatch(/^INC-\d{4}-\d{4,}$/);
    expect(inc.detectedAt.toISOString().slice(0, 16)).toBe(ago(12).slice(0, 16));
    expect(inc.hosts.map((h) => h.hostId).sort()).toEqual([a.id, b.id].sort());
    const timeline = await t.db.timelineEntry.findMany({
      where: { incidentId: inc.id },
      orderBy: { id: "asc" },
    });
    expect(timeline.map((x) => x.type)).toEqual(
      expect.arrayContaining(["incident.opened", "host.affected", "severity.raised"]),
    );
    const audit = await t.db.auditEntry.findMany({ where: { targetId: inc.id } });
    expect(audit.map((x) => x.action)).toEqual(
      expect.arrayContaining([
        "incident.opened",
        "incident.host_added",
        "incident.severity_raised",
      ]),
    );
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("puts a plugin running at two versions across the fleet into one incident that lists both versions", async () => {
    const [old, cur] = [
      { name: "two-versions", version: "4.0.3", sha256: "c".repeat(64) },
      { name: "two-versions", version: "4.1.0", sha256: "d".repeat(64) },
    ];
    const [a, b] = [await createTestHost(t.db, "tv-a"), await createTestHost(t.db, "tv-b")];
    const r1 = await ingestEvents(a, { events: [ev({ plugin: old, observedAt: ago(3) })] });
    const r2 = await ingestEvents(b, { events: [ev({ plugin: cur, observedAt: ago(2) })] });
    expect(r2.incidentIds).toEqual(r1.incidentIds);
    const d = await getIncident(r1.incidentIds[0]);
    expect(d.incident).toMatchObject({
      title: "Sandbox escape attempt — two-versions",
      pluginName: "two-versions",
      pluginVersion: null,
      hostCount: 2,
    });
    expect(d.plugins.map((x) => x.version).sort()).toEqual(["4.0.3", "4.1.0"]);
  });

  it("keeps one incident and exact counters when many hosts report one plugin at the same moment", async () => {
    const p = plugin("stampede");
    const hosts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createTestHost(t.db, `stampede-${i}`)),
    );
    const results = await Promise.all(
      hosts.map((h, i) =>
        ingestEvents(h, {
          events: Array.from({ length: 5 }, () =>
            ev({ plugin: p, type: i === 3 ? "sandbox_escape_attempt" : "quota_exceeded" }),
          ),
        }),
      ),
    );
    expect(new Set(results.flatMap((r) => r.incidentIds)).size).toBe(1);
    const inc = await t.db.incident.findUniqueOrThrow({
      where: { id: results[0].incidentIds[0] },
      include: { hosts: true },
    });
    expect(inc).toMatchObject({ eventCount: 30, severity: "critical" });
    expect(inc.hosts).toHaveLength(6);
    expect(inc.hosts.reduce((s, h) => s + h.eventCount, 0)).toBe(30);
    expect(await t.db.event.count({ where: { incidentId: inc.id } })).toBe(30);
  });

  it("opens a new incident after the window and never joins a closed one; keys count up", async () => {
    const p = plugin("windowed");
    const h = await createTestHost(t.db);
    const first = await ingestEvents(h, { events: [ev({ plugin: p, observedAt: ago(60) })] });
    const second = await ingestEvents(h, { events: [ev({ plugin: p, observedAt: ago(30) })] });
    expect(second.incidentIds[0]).not.toBe(first.incidentIds[0]);
    const inc2 = await t.db.incident.findUniqueOrThrow({ where: { id: second.incidentIds[0] } });
    await transitionIncident(
      inc2.key,
      { from: "open", to: "closed", note: "false positive" },
      alice,
    );
    const third = await ingestEvents(h, { events: [ev({ plugin: p, observedAt: ago(29) })] });
    expect(third.incidentIds[0]).not.toBe(inc2.id);
    const keys = await t.db.incident.findMany({
      where: { id: { in: [first.incidentIds[0], inc2.id, third.incidentIds[0]] } },
      orderBy: { openedAt: "asc" },
      select: { key: true },
    });
    const seqs = keys.map((k) => Number(k.key.split("-")[2]));
    expect(seqs[1]).toBe(seqs[0] + 1);
    expect(seqs[2]).toBe(seqs[1] + 1);
  });

  it("puts response events on the incident's timeline without opening incidents", async () => {
    const p = plugin("responded");
    const h = await createTestHost(t.db, "ws-resp");
    const opened = await ingestEvents(h, { events: [ev({ plugin: p, observedAt: ago(300) })] });
    const before = await t.db.incident.count();
    const r = await ingestEvents(h, {
      events: [
        ev({ plugin: p, type: "containment_applied", details: { action: "revoke" } }),
        ev({ plugin: undefined, type: "rollback_completed" }),
      ],
    });
    expect(r.incidentIds).toEqual(opened.incidentIds);
    expect(await t.db.incident.count()).toBe(before);
    const tl = await t.db.timelineEntry.findMany({
      where: { incidentId: opened.incidentIds[0], source: "agent" },
    });
    expect(tl.map((x) => x.type).sort()).toEqual([
      "agent.containment_applied",
      "agent.rollback_completed",
    ]);
    const orphan = await ingestEvents(await createTestHost(t.db), {
      events: [ev({ plugin: plugin("nobody"), type: "command_rejected" })],
    });
    expect(orphan).toMatchObject({ accepted: 1, incidentIds: [] });
  });

  it("moves status only along the table, records time, actor, timeline and audit, and refuses a race with 409", async () => {
    const h = await createTestHost(t.db);
    const r = await ingestEvents(h, { events: [ev({ plugin: plugin("transitions") })] });
    const { key } = await t.db.incident.findUniqueOrThrow({ where: { id: r.incidentIds[0] } });
    await expect(
      transitionIncident(key, { from: "open", to: "recovered" }, alice),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      transitionIncident(key, { from: "open", to: "closed" }, alice),
    ).rejects.toMatchObject({ code: "invalid_input" });
    const results = await Promise.allSettled([
      transitionIncident(key, { from: "open", to: "acknowledged" }, alice),
      transitionIncident(key, { from: "open", to: "acknowledged" }, bob),
    ]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(
      (results.find((x) => x.status === "rejected") as PromiseRejectedResult).reason,
    ).toMatchObject({ code: "conflict" });
    await transitionIncident(key, { from: "acknowledged", to: "contained" }, alice);
    await transitionIncident(key, { from: "contained", to: "recovered" }, bob);
    await transitionIncident(key, { from: "recovered", to: "closed" }, bob);
    const closed = await t.db.incident.findUniqueOrThrow({ where: { key } });
    expect(closed.status).toBe("closed");
    for (const k of ["acknowledgedAt", "containedAt", "recoveredAt", "closedAt"] as const)
      expect(closed[k]).toBeInstanceOf(Date);
    await transitionIncident(key, { from: "closed", to: "open", note: "it came back" }, alice);
    const reopened = await t.db.incident.findUniqueOrThrow({ where: { key } });
    expect(reopened).toMatchObject({
      status: "open",
      closedAt: null,
      recoveredAt: null,
      acknowledgedAt: closed.acknowledgedAt,
    });
    expect(reopened.reopenedAt).toBeInstanceOf(Date);
    const detail = await getIncident(key);
    expect(detail.transitionActors.recovered?.label).toBe("bob@example.com");
    expect(detail.timeline.filter((x) => x.type.startsWith("status.")).map((x) => x.type)).toEqual([
      "status.acknowledged",
      "status.contained",
      "status.recovered",
      "status.closed",
      "status.open",
    ]);
    const audit = await t.db.auditEntry.count({
      where: { targetId: closed.id, action: "incident.transitioned" },
    });
    expect(audit).toBe(5);
    await expect(
      transitionIncident("INC-1999-0001", { from: "open", to: "acknowledged" }, alice),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists with filters, key search and paging, and shows the detail with hosts and plugins", async () => {
    const h = await createTestHost(t.db, "filter-host-1");
    const r = await ingestEvents(h, {
      events: [ev({ plugin: { name: "zz-filter", version: "9.9.9" }, type: "ipc_anomaly" })],
    });
    const inc = await t.db.incident.findUniqueOrThrow({ where: { id: r.incidentIds[0] } });
    expect((await listIncidents({ plugin: "zz-fil" })).incidents.map((i) => i.key)).toEqual([
      inc.key,
    ]);
    expect((await listIncidents({ host: "filter-host" })).incidents.map((i) => i.key)).toEqual([
      inc.key,
    ]);
    expect(
      (
        await listIncidents({ q: inc.key.slice(-4), severity: "medium", status: "open" })
      ).incidents.map((i) => i.key),
    ).toContain(inc.key);
    expect((await listIncidents({ plugin: "zz-filter", severity: "critical" })).total).toBe(0);
    const page = await listIncidents({ pageSize: "2" });
    expect(page.incidents).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    await expect(listIncidents({ status: "bogus" })).rejects.toMatchObject({ name: "ZodError" });
    const d = await getIncident(inc.id);
    expect(d.hosts.map((x) => x.hostname)).toEqual(["filter-host-1"]);
    expect(d.plugins).toEqual([
      { name: "zz-filter", version: "9.9.9", sha256: null, eventCount: 1 },
    ]);
    expect(d.hosts.map((x) => x.containment)).toEqual(["not_started"]);
    const events = await listIncidentEvents(inc.key, {});
    expect(events).toMatchObject({
      total: 1,
      page: 1,
      events: [{ hostname: "filter-host-1", type: "ipc_anomaly" }],
    });
    expect((await listIncidentEvents(inc.key, { type: "sandbox_escape_attempt" })).total).toBe(0);
    expect((await listIncidentEvents(inc.key, { host: h.id, severity: "medium,high" })).total).toBe(
      1,
    );
    await expect(listIncidentEvents(inc.key, { severity: "bogus" })).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(listIncidentEvents("INC-1999-0001", {})).rejects.toMatchObject({
      code: "not_found",
    });
    expect(d.allowedTransitions).toEqual(["acknowledged", "closed"]);
  });
});
