import fs from "node:fs";
import { expect, it } from "vitest";
import { describeDb, testDatabaseUrl } from "../../test/db.ts";
import { createTestIncident, createTestUser } from "../../test/playbook-fixtures.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { runDueTimers } from "../timers/run-due-timers.ts";
import { actOnStep } from "./act-on-step.ts";
import { createDraft } from "./create-draft.ts";
import { hashContent, readPlaybookFiles } from "./files.ts";
import { getDraft } from "./get-draft.ts";
import { assignIncidentRole } from "./incident-roles.ts";
import { publishDraft } from "./publish-draft.ts";
import { startMatchingPlaybooks, startPlaybookRun } from "./start-playbook-run.ts";
import { syncPlaybookFiles } from "./sync-playbook-files.ts";
import { PLAYBOOK_TIMER_HANDLERS } from "./timer-handlers.ts";

const MIN = 60_000;
const later = (t: Date, minutes: number) => new Date(t.getTime() + minutes * MIN);

describeDb("playbook runs", (t) => {
  const steps = async (runId: string) =>
    Object.fromEntries((await t.db.stepRun.findMany({ where: { runId } })).map((s) => [s.key, s]));

  it("loads the shipped files once and refuses a changed published file, naming it and both hashes", async () => {
    const first = await syncPlaybookFiles({ db: t.db });
    expect(first.published.sort()).toEqual([
      "permission-violation v1",
      "sandbox-escape v1",
      "unsigned-plugin v1",
    ]);
    expect((await syncPlaybookFiles({ db: t.db })).published).toEqual([]);
    const files = readPlaybookFiles();
    const f = files.find((x) => x.slug === "sandbox-escape")!;
    const changed = {
      ...f,
      content: f.content + "\n# sneaky edit\n",
      contentHash: hashContent(f.content + "\n# sneaky edit\n"),
    };
    await expect(
      syncPlaybookFiles({ db: t.db, files: files.map((x) => (x === f ? changed : x)) }),
    ).rejects.toThrow(
      new RegExp(
        `${f.file.replace(/[./]/g, "\\$&")} changed.*published sha256 ${f.contentHash}, file sha256 ${changed.contentHash}`,
      ),
    );
    expect(await t.db.playbookVersion.count({ where: { slug: "sandbox-escape" } })).toBe(1);
  });

  it("auto-starts the matching playbook when an incident opens, with roles to fill and the first step due", async () => {
    const inc = await createTestIncident(t.db, { severity: "critical" });
    const started = await t.db.$transaction((tx) =>
      startMatchingPlaybooks(tx, inc, { type: "sandbox_escape_attempt" }),
    );
    expect(started).toEqual(["sandbox-escape"]);
    const run = await t.db.playbookRun.findFirstOrThrow({ where: { incidentId: inc.id } });
    expect(run).toMatchObject({ slug: "sandbox-escape", version: 1, status: "active" });
    const s = await steps(run.id);
    expect(s.triage.status).toBe("ready");
    expect(s.triage.dueAt!.getTime() - s.triage.readyAt!.getTime()).toBe(10 * MIN);
    expect(s["revoke-permissions"].status).toBe("pending");
    const roles = await t.db.incidentRole.findMany({
      where: { incidentId: inc.id },
      orderBy: { key: "asc" },
    });
    expect(roles.map((r) => r.key)).toEqual([
      "commander",
      "communications",
      "containment-lead",
      "investigator",
      "scribe",
    ]);
    expect(roles.every((r) => r.userId === null)).toBe(true);
    const timeline = await t.db.timelineEntry.findMany({
      where: { incidentId: inc.id },
      orderBy: { id: "asc" },
    });
    expect(timeline.map((e) => e.type)).toEqual(["playbook.run_started", "playbook.step_ready"]);
    // A low-severity escape attempt does not match (minSeverity: high).
    const low = await createTestIncident(t.db, { severity: "low" });
    expect(
      await t.db.$transaction((tx) =>
        startMatchingPlaybooks(tx, low, { type: "sandbox_escape_attempt" }),
      ),
    ).toEqual([]);
  });

  it("runs sandbox-escape end to end: parallel commands, two-person approval, decision branch, wait skipped", async () => {
    const responder = await createTestUser(t.db, "responder");
    const commander = await createTestUser(t.db, "manager");
    const inc = await createTestIncident(t.db);
    const { runId } = await startPlaybookRun({
      incidentId: inc.id,
      slug: "sandbox-escape",
      actor: responder.actor,
    });
    await assignIncidentRole({
      incidentId: inc.id,
      key: "commander",
      userId: commander.id,
      actor: responder.actor,
    });
    let s = await steps(runId);
    await expect(
      actOnStep({
        stepRunId: s.triage.id,
        action: { action: "complete", checklist: [true] },
        actor: responder.actor,
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await actOnStep({
      stepRunId: s.triage.id,
      action: { action: "complete", checklist: [true, true, false], note: "3 hosts" },
      actor: responder.actor,
    });
    s = await steps(runId);
    expect([s["revoke-permissions"].status, s["kill-process"].status]).toEqual(["ready", "ready"]);
    await expect(
      actOnStep({
        stepRunId: s["kill-process"].id,
        action: { action: "complete" },
        actor: responder.actor,
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await actOnStep({
      stepRunId: s["kill-process"].id,
      action: { action: "complete", note: "killed pid 4242 by hand" },
      actor: responder.actor,
    });
    expect((await steps(runId))["approve-quarantine"].status).toBe("pending");
    await actOnStep({
      stepRunId: s["revoke-permissions"].id,
      action: { action: "complete", note: "revoked via console" },
      actor: responder.actor,
    });
    s = await steps(runId);
    expect(s["approve-quarantine"].status).toBe("ready");
    await expect(
      actOnStep({
        stepRunId: s["approve-quarantine"].id,
        action: { action: "approve" },
        actor: commander.actor,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await actOnStep({
      stepRunId: s["approve-quarantine"].id,
      action: { action: "request_approval" },
      actor: responder.actor,
    });
    await expect(
      actOnStep({
        stepRunId: s["approve-quarantine"].id,
        action: { action: "approve" },
        actor: responder.actor,
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await actOnStep({
      stepRunId: s["approve-quarantine"].id,
      action: { action: "approve", note: "go" },
      actor: commander.actor,
    });
    s = await steps(runId);
    expect(s["approve-quarantine"]).toMatchObject({ status: "done", completedById: commander.id });
    await actOnStep({
      stepRunId: s.quarantine.id,
      action: { action: "complete", note: "quarantined" },
      actor: responder.actor,
    });
    s = await steps(runId);
    await expect(
      actOnStep({
        stepRunId: s["isolate-decision"].id,
        action: { action: "decide", choice: "nope" },
        actor: commander.actor,
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await actOnStep({
      stepRunId: s["isolate-decision"].id,
      action: { action: "decide", choice: "isolate" },
      actor: commander.actor,
    });
    s = await steps(runId);
    expect([s["isolate-host"].status, s["collect-memory"].status, s.monitor.status]).toEqual([
      "ready",
      "ready",
      "skipped",
    ]);
    await actOnStep({
      stepRunId: s["isolate-host"].id,
      action: { action: "complete", note: "isolated" },
      actor: responder.actor,
    });
    await actOnStep({
      stepRunId: s["collect-memory"].id,
      action: { action: "complete", note: "image uploaded" },
      actor: responder.actor,
    });
    s = await steps(runId);
    // The notify step went out by itself (communications is empty → commander) and the write-up is next.
    expect(s["tell-stakeholders"]).toMatchObject({
      status: "done",
      note: "Notified role communications is empty → commander",
    });
    // The commander heard of the assignment, the approval request and the notify step.
    const titles = (
      await t.db.notification.findMany({
        where: { userId: commander.id, incidentId: inc.id },
        orderBy: { createdAt: "asc" },
        select: { title: true },
      })
    ).map((n) => n.title);
    expect(titles).toHaveLength(3);
    expect(
      titles.filter((x) => x.startsWith("Approval requested: Approve quarantining")),
    ).toHaveLength(1);
    expect(
      titles.filter((x) => x.startsWith("Tell stakeholders containment is done ·")),
    ).toHaveLength(1);
    await actOnStep({
      stepRunId: s["write-up"].id,
      action: { action: "complete", checklist: [true, true, true] },
      actor: responder.actor,
    });
    expect((await t.db.playbookRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe(
      "completed",
    );
    await expect(
      actOnStep({
        stepRunId: s["write-up"].id,
        action: { action: "complete" },
        actor: responder.actor,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    const types = (
      await t.db.timelineEntry.findMany({ where: { incidentId: inc.id }, select: { type: true } })
    ).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "playbook.approval_requested",
        "playbook.approval_granted",
        "playbook.decision_made",
        "playbook.step_skipped",
        "playbook.run_completed",
        "incident.role_assigned",
      ]),
    );
    expect(
      await t.db.auditEntry.count({
        where: { action: "playbook.approval_granted", actorId: commander.id },
      }),
    ).toBe(1);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("pins the version: publishing v2 never changes a run on v1", async () => {
    const manager = await createTestUser(t.db, "manager");
    const inc = await createTestIncident(t.db);
    const { runId } = await startPlaybookRun({
      incidentId: inc.id,
      slug: "permission-violation",
      actor: manager.actor,
    });
    const before = await t.db.playbookRun.findUniqueOrThrow({ where: { id: runId } });
    const draft = await createDraft({
      slug: "permission-violation",
      baseVersion: 1,
      actor: manager.actor,
    });
    const edited = draft.content
      .replace("slaMinutes: 15", "slaMinutes: 5")
      .replace("title: Permission violation", "title: Permission violation (faster)");
    const { updateDraft } = await import("./update-draft.ts");
    await updateDraft({ id: draft.id, content: edited, actor: manager.actor });
    const view = await getDraft(draft.id);
    expect(view.issues).toEqual([]);
    expect(view.diff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "changed",
          path: "steps.triage.slaMinutes",
          before: 15,
          after: 5,
        }),
        expect.objectContaining({ path: "title" }),
      ]),
    );
    const v2 = await publishDraft({ id: draft.id, actor: manager.actor });
    expect(v2.version).toBe(2);
    const stored = await t.db.playbookVersion.findUniqueOrThrow({ where: { id: v2.id } });
    expect(stored.content).toMatch(/^version: 2$/m);
    expect(hashContent(stored.content)).toBe(stored.contentHash);
    const after = await t.db.playbookRun.findUniqueOrThrow({ where: { id: runId } });
    expect(after).toMatchObject({
      version: 1,
      contentHash: before.contentHash,
      definition: before.definition,
    });
    expect(
      (await steps(runId)).triage.dueAt!.getTime() - (await steps(runId)).triage.readyAt!.getTime(),
    ).toBe(15 * MIN);
    // A new incident gets v2.
    const inc2 = await createTestIncident(t.db, { severity: "high" });
    await t.db.$transaction((tx) =>
      startMatchingPlaybooks(tx, inc2, { type: "permission_violation" }),
    );
    expect(
      await t.db.playbookRun.findFirstOrThrow({
        where: { incidentId: inc2.id },
        select: { version: true },
      }),
    ).toEqual({ version: 2 });
    await expect(publishDraft({ id: draft.id, actor: manager.actor })).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("escalates when the SLA passes, level by level, repeating, exactly once even with two workers", async () => {
    const commander = await createTestUser(t.db, "responder");
    const manager = await createTestUser(t.db, "manager");
    const inc = await createTestIncident(t.db);
    const t0 = new Date();
    const { runId } = await startPlaybookRun({
      incidentId: inc.id,
      slug: "sandbox-escape",
      actor: commander.actor,
      now: t0,
    });
    await assignIncidentRole({
      incidentId: inc.id,
      key: "commander",
      userId: commander.id,
      actor: commander.actor,
    });
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

it("playbook files exist for the loader", () =>
  expect(fs.existsSync("playbooks/sandbox-escape/v1.yaml")).toBe(true));
