// Comments, severity changes, links and merges (issue 12, item 14): each change, its timeline
// entries and its audit entry commit together; refusals are 4xx AppErrors or zod errors.
import crypto from "node:crypto";
import { expect, it } from "vitest";
import { ZodError } from "zod";
import { describeDb } from "../../test/db.ts";
import { createTestHost, ev } from "../../test/ingest-fixtures.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { subscribeChanges } from "../db/change-feed.ts";
import { inTransaction } from "../db/transaction.ts";
import { ingestEvents } from "../events/ingest-events.ts";
import { listIncidentMetrics } from "../metrics/list-incident-metrics.ts";
import { metricsQuery } from "../metrics/schemas.ts";
import { assignIncidentRole } from "../playbooks/incident-roles.ts";
import { addIncidentComment } from "./add-incident-comment.ts";
import { changeIncidentSeverity } from "./change-incident-severity.ts";
import { getIncident } from "./get-incident.ts";
import { linkIncidents } from "./link-incidents.ts";
import { mergeIncident } from "./merge-incident.ts";
import { transitionIncident } from "./transition-incident.ts";
import { unlinkIncidents } from "./unlink-incidents.ts";

type Person = { id: string; name: string; role: "admin" | "manager" | "responder" | "viewer" };

describeDb("incident collaboration", (t) => {
  const person = async (role: Person["role"], name: string): Promise<Person> => {
    const u = await t.db.user.create({
      data: { email: `${crypto.randomUUID()}@example.test`, name, role },
      select: { id: true, name: true, role: true },
    });
    return u as Person;
  };
  const actor = (p: Person) => ({ type: "user" as const, id: p.id, label: p.name });
  const incident = async (severity = "high") => {
    const host = await createTestHost(t.db);
    const plugin = {
      name: `collab-${crypto.randomBytes(4).toString("hex")}`,
      version: "1.0.0",
      sha256: crypto.randomBytes(32).toString("hex"),
    };
    const r = await ingestEvents(host, { events: [ev({ plugin, severity })] });
    return t.db.incident.findUniqueOrThrow({
      where: { id: r.incidentIds[0] },
      select: { id: true, key: true, title: true },
    });
  };
  const timeline = (incidentId: string, type: string) =>
    t.db.timelineEntry.findMany({ where: { incidentId, type }, orderBy: { id: "asc" } });
  const audit = (targetId: string, action: string) =>
    t.db.auditEntry.findMany({ where: { targetId, action } });

  it("puts a comment on the timeline under its author's name and in the audit log", async () => {
    const jane = await person("responder", "Jane Doe");
    const inc = await incident();
    const seen: string[] = [];
    const stop = subscribeChanges([`incident:${inc.id}`], (k) => seen.push(k));
    await addIncidentComment(
      inc.key,
      { text: "  Hash matches the sample from INC-2026-0001.\nChecking the other hosts.  " },
      actor(jane),
    );
    stop();
    const [c] = await timeline(inc.id, "comment");
    expect(c).toMatchObject({
      actorType: "user",
      actorId: jane.id,
      actorLabel: "Jane Doe",
      summary: "Hash matches the sample from INC-2026-0001.\nChecking the other hosts.",
    });
    expect((await audit(inc.id, "incident.commented"))[0].details).toMatchObject({
      key: inc.key,
      text: c.summary,
    });
    expect(seen).toEqual([`incident:${inc.id}`]);
    expect((await getIncident(inc.key)).timeline.map((x) => x.type)).toContain("comment");
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("refuses empty, oversized and unstorable comments, and unknown incidents", async () => {
    const jane = await person("responder", "Jane Refused");
    const inc = await incident();
    for (const text of ["   ", "x".repeat(4001), "a\u0000b", "\ud800"])
      await expect(addIncidentComment(inc.key, { text }, actor(jane))).rejects.toBeInstanceOf(
        ZodError,
      );
    await expect(
      addIncidentComment(inc.key, { text: "ok", extra: 1 }, actor(jane)),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(
      addIncidentComment("INC-1999-0001", { text: "ok" }, actor(jane)),
    ).rejects.toMatchObject({ code: "not_found" });
    await addIncidentComment(inc.key, { text: "x".repeat(4000) }, actor(jane));
    expect(await timeline(inc.id, "comment")).toHaveLength(1);
  });

  it("writes nothing — change, timeline or audit — when the surrounding transaction rolls back", async () => {
    const jane = await person("manager", "Jane Rollback");
    const [a, b] = [await incident(), await incident()];
    const before = {
      timeline: await t.db.timelineEntry.count(),
      audit: await t.db.auditEntry.count(),
    };
    await expect(
      inTransaction(t.db, async (tx) => {
        await addIncidentComment(a.key, { text: "gone" }, actor(jane), tx);
        await changeIncidentSeverity(a.key, { severity: "low" }, actor(jane), tx);
        await linkIncidents(a.key, { incident: b.key }, actor(jane), tx);
        await mergeIncident(a.key, { into: b.key }, jane, tx);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect({
      timeline: await t.db.timelineEntry.count(),
      audit: await t.db.auditEntry.count(),
    }).toEqual(before);
    expect(
      await t.db.incident.findUniqueOrThrow({
        where: { id: a.id },
        select: { severity: true, status: true, mergedIntoId: true },
      }),
    ).toEqual({ severity: "high", status: "open", mergedIntoId: null });
    expect(await t.db.incidentLink.count({ where: { OR: [{ aId: a.id }, { bId: a.id }] } })).toBe(
      0,
    );
  });

  it("changes severity either way with a reason, and refuses a no-op, a closed incident and unknown values", async () => {
    const jane = await person("responder", "Jane Severity");
    const inc = await incident("high");
    expect(
      await changeIncidentSeverity(
        inc.key,
        { severity: "critical", reason: "Customer data on the host" },
        actor(jane),
      ),
    ).toMatchObject({ severity: "critical", previous: "high" });
    await changeIncidentSeverity(inc.id, { severity: "medium" }, actor(jane));
    expect((await timeline(inc.id, "severity.changed")).map((e) => e.summary)).toEqual([
      "Severity high → critical by Jane Severity: Customer data on the host",
      "Severity critical → medium by Jane Severity",
    ]);
    expect((await audit(inc.id, "incident.severity_changed")).map((e) => e.details)).toEqual([
      expect.objectContaining({
        from: "high",
        to: "critical",
        reason: "Customer data on the host",
      }),
      expect.objectContaining({ from: "critical", to: "medium", reason: null }),
    ]);
    await expect(
      changeIncidentSeverity(inc.key, { severity: "medium" }, actor(jane)),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      changeIncidentSeverity(inc.key, { severity: "urgent" }, actor(jane)),
    ).rejects.toBeInstanceOf(ZodError);
    await transitionIncident(
      inc.key,
      { from: "open", to: "closed", note: "false positive" },
      actor(jane),
    );
    await expect(
      changeIncidentSeverity(inc.key, { severity: "low" }, actor(jane)),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await t.db.incident.findUniqueOrThrow({ where: { id: inc.id } })).severity).toBe(
      "medium",
    );
  });

  it("links two incidents symmetrically, shows the link on both, and unlinks from either side", async () => {
    const jane = await person("responder", "Jane Linker");
    const [a, b] = [await incident(), await incident()];
    await linkIncidents(a.key, { incident: b.key }, actor(jane));
    expect((await getIncident(a.key)).links).toEqual([
      expect.objectContaining({ key: b.key, title: b.title }),
    ]);
    expect((await getIncident(b.id)).links).toEqual([
      expect.objectContaining({ key: a.key, title: a.title }),
    ]);
    await expect(linkIncidents(b.key, { incident: a.key }, actor(jane))).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(linkIncidents(a.key, { incident: a.id }, actor(jane))).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(
      linkIncidents(a.key, { incident: "INC-1999-0001" }, actor(jane)),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await timeline(a.id, "incident.linked"))[0].summary).toBe(
      `Linked to ${b.key} (${b.title})`,
    );
    expect((await timeline(b.id, "incident.linked"))[0].summary).toBe(
      `Linked to ${a.key} (${a.title})`,
    );
    expect(await audit(a.id, "incident.linked")).toHaveLength(1);

    await unlinkIncidents(b.key, { incident: a.key }, actor(jane));
    expect((await getIncident(a.key)).links).toEqual([]);
    expect((await getIncident(b.key)).links).toEqual([]);
    await expect(unlinkIncidents(a.key, { incident: b.key }, actor(jane))).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await timeline(a.id, "incident.unlinked")).toHaveLength(1);
    expect(await audit(b.id, "incident.unlinked")).toHaveLength(1);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("merges a duplicate: closed through the transition table, marked on both pages and timelines, never reopened", async () => {
    const lead = await person("manager", "Max Manager");
    const [dup, main] = [await incident(), await incident()];
    const seen = new Set<string>();
    const stop = subscribeChanges([`incident:${dup.id}`, `incident:${main.id}`], (k) =>
      seen.add(k),
    );
    const res = await mergeIncident(
      dup.key,
      { into: main.key, note: "same plugin, second host" },
      lead,
    );
    stop();
    expect(res).toMatchObject({ key: dup.key, status: "closed", mergedInto: { key: main.key } });
    expect(seen).toEqual(new Set([`incident:${dup.id}`, `incident:${main.id}`]));
    const d = await getIncident(dup.key);
    expect(d.incident).toMatchObject({
      status: "closed",
      mergedInto: { key: main.key, title: main.title },
    });
    expect(d.incident.closedAt).not.toBeNull();
    expect(d.incident.mergedAt).not.toBeNull();
    expect(d.allowedTransitions).toEqual([]);
    expect((await getIncident(main.key)).incident.merges).toEqual([
      expect.objectContaining({ key: dup.key }),
    ]);
    expect((await timeline(dup.id, "status.closed"))[0].summary).toBe(
      `Open → Closed: Merged into ${main.key}: same plugin, second host`,
    );
    expect((await timeline(dup.id, "incident.merged"))[0].summary).toBe(
      `Merged into ${main.key} (${main.title}) by Max Manager`,
    );
    expect((await timeline(main.id, "incident.merge_received"))[0].summary).toBe(
      `${dup.key} merged into this incident by Max Manager`,
    );
    expect(await audit(dup.id, "incident.transitioned")).toHaveLength(1);
    expect((await audit(dup.id, "incident.merged"))[0].details).toMatchObject({ into: main.key });
    await expect(
      transitionIncident(dup.key, { from: "closed", to: "open", note: "oops" }, actor(lead)),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining(main.key) });
    // Metrics count the merged pair once: the duplicate is part of the target.
    const keys = (await listIncidentMetrics(metricsQuery.parse({ range: "7d" }))).map((r) => r.key);
    expect(keys).toContain(main.key);
    expect(keys).not.toContain(dup.key);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("refuses merging into itself, into a closed or merged incident, back again (a cycle), and a contained one", async () => {
    const lead = await person("admin", "Ada Admin");
    const [a, b, c, closed] = [
      await incident(),
      await incident(),
      await incident(),
      await incident(),
    ];
    await expect(mergeIncident(a.key, { into: a.key }, lead)).rejects.toMatchObject({
      code: "invalid_input",
    });
    await transitionIncident(
      closed.key,
      { from: "open", to: "closed", note: "noise" },
      actor(lead),
    );
    await expect(mergeIncident(a.key, { into: closed.key }, lead)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(mergeIncident(closed.key, { into: a.key }, lead)).rejects.toMatchObject({
      code: "conflict",
    });
    await mergeIncident(a.key, { into: b.key }, lead);
    await expect(mergeIncident(b.key, { into: a.key }, lead)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(mergeIncident(c.key, { into: a.key }, lead)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(mergeIncident(a.key, { into: c.key }, lead)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(mergeIncident(c.key, { into: "INC-1999-0001" }, lead)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(mergeIncident(c.key, { into: b.key, note: 5 }, lead)).rejects.toBeInstanceOf(
      ZodError,
    );
    await t.db.incident.update({ where: { id: c.id }, data: { status: "contained" } });
    await expect(mergeIncident(c.key, { into: b.key }, lead)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("recovered"),
    });
    expect(
      await t.db.incident.count({
        where: { mergedIntoId: { not: null }, id: { in: [a.id, b.id, c.id, closed.id] } },
      }),
    ).toBe(1);
  });

  it("lets a responder merge only the incident they command", async () => {
    const [ron, cora] = [
      await person("responder", "Ron Responder"),
      await person("responder", "Cora Commander"),
    ];
    const [a, b] = [await incident(), await incident()];
    await expect(mergeIncident(a.key, { into: b.key }, ron)).rejects.toMatchObject({
      code: "forbidden",
    });
    await assignIncidentRole({
      incidentId: a.id,
      key: "commander",
      userId: cora.id,
      actor: actor(cora),
    });
    expect((await getIncident(a.key)).commander).toEqual({
      userId: cora.id,
      name: "Cora Commander",
    });
    expect((await getIncident(b.key)).commander).toBeNull();
    await expect(mergeIncident(a.key, { into: b.key }, ron)).rejects.toMatchObject({
      code: "forbidden",
    });
    await mergeIncident(a.key, { into: b.key }, cora);
    expect(
      await t.db.incident.findUniqueOrThrow({
        where: { id: a.id },
        select: { mergedIntoId: true },
      }),
    ).toEqual({ mergedIntoId: b.id });
  });

  it("lets exactly one of two crossing merges (A→B and B→A at the same moment) succeed", async () => {
    const lead = await person("manager", "Mia Manager");
    for (let round = 0; round < 5; round++) {
      const [a, b] = [await incident(), await incident()];
      const results = await Promise.allSettled([
        mergeIncident(a.key, { into: b.key }, lead),
        mergeIncident(b.key, { into: a.key }, lead),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({
        reason: { code: "conflict" },
      });
      const rows = await t.db.incident.findMany({
        where: { id: { in: [a.id, b.id] } },
        select: { status: true, mergedIntoId: true },
      });
      expect(rows.filter((r) => r.mergedIntoId).length).toBe(1);
      expect(rows.filter((r) => r.status === "closed").length).toBe(1);
    }
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("lets exactly one of two identical links made at the same moment succeed", async () => {
    const jane = await person("responder", "Jane Racer");
    const [a, b] = [await incident(), await incident()];
    const results = await Promise.allSettled([
      linkIncidents(a.key, { incident: b.key }, actor(jane)),
      linkIncidents(b.key, { incident: a.key }, actor(jane)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "conflict" },
    });
    expect(await timeline(a.id, "incident.linked")).toHaveLength(1);
  });
});
