// Separation of duties for commands (issues 9 and 12): who approves and rejects, the approval
// threshold counted per incident over a window, one live request per playbook step, and the
// people who can approve hearing about it. Real database, real signing, no mocks.
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_DATA_DIR = `/tmp/bw-sod-test-${process.pid}`;
});

import { seedHost } from "../../test/command-fixtures.ts";
import { describeDb } from "../../test/db.ts";
import { createTestIncident, createTestUser } from "../../test/playbook-fixtures.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { dataDir } from "../env.ts";
import { issueStepCommand } from "../playbooks/issue-step-command.ts";
import { startPlaybookRun } from "../playbooks/start-playbook-run.ts";
import { syncPlaybookFiles } from "../playbooks/sync-playbook-files.ts";
import { approveCommandRequest } from "./approve-command-request.ts";
import { issueCommand } from "./issue-command.ts";
import { rejectCommandRequest } from "./reject-command-request.ts";

describeDb("separation of duties for commands", (t) => {
  afterAll(() => fs.rmSync(dataDir(), { recursive: true, force: true }));

  const user = async (role: "admin" | "manager" | "responder") => {
    const u = await createTestUser(t.db, role);
    return { type: "user" as const, id: u.id, label: u.name, role };
  };
  const hosts = async (n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        seedHost(t.db, `ws-sod-${i}-${crypto.randomBytes(3).toString("hex")}`),
      ),
    );
  /** A sandbox-escape run on a fresh one-host incident, its isolate-host step made ready. */
  const readyIsolateStep = async (requester: Awaited<ReturnType<typeof user>>) => {
    const inc = await createTestIncident(t.db);
    const [h] = await hosts(1);
    await t.db.incidentHost.create({
      data: { incidentId: inc.id, hostId: h.id, firstSeenAt: new Date(), lastSeenAt: new Date() },
    });
    const { runId } = await startPlaybookRun({
      incidentId: inc.id,
      slug: "sandbox-escape",
      actor: requester,
    });
    const step = await t.db.stepRun.findUniqueOrThrow({
      where: { runId_key: { runId, key: "isolate-host" } },
    });
    await t.db.stepRun.update({
      where: { id: step.id },
      data: { status: "ready", readyAt: new Date() },
    });
    return { inc, step };
  };
  const collectLogs = (slice: { id: string }[], incidentId: string) => ({
    type: "collect_artifact",
    params: { kind: "log", what: "agent.log", maxBytes: 1000 },
    hostIds: slice.map((h) => h.id),
    comment: "gather logs",
    incidentId,
  });
  const isolate = (hostIds: string[], incidentId: string) => ({
    type: "isolate_host",
    params: {},
    hostIds,
    comment: "contain the escape",
    incidentId,
  });

  it("only a manager or admin who is not the requester approves: two responders cannot approve an isolate_host", async () => {
    const [r1, r2, m1] = [await user("responder"), await user("responder"), await user("manager")];
    const inc = await createTestIncident(t.db);
    const [h] = await hosts(1);
    const r = await issueCommand(isolate([h.id], inc.id), r1);
    expect(r.approval).toBe("pending");
    await expect(approveCommandRequest(r.requestId, r2, "peer says ok")).rejects.toMatchObject({
      code: "forbidden",
      status: 403,
    });
    expect((await t.db.command.findUniqueOrThrow({ where: { id: r.commandIds[0] } })).status).toBe(
      "awaiting_approval",
    );
    // A lead's own request still needs another lead.
    const own = await issueCommand(isolate([h.id], inc.id), m1);
    await expect(approveCommandRequest(own.requestId, m1, undefined)).rejects.toMatchObject({
      status: 403,
    });
    await approveCommandRequest(r.requestId, m1, "agreed");
    expect((await t.db.command.findUniqueOrThrow({ where: { id: r.commandIds[0] } })).status).toBe(
      "queued",
    );
    expect(
      (
        await t.db.auditEntry.findFirstOrThrow({
          where: { action: "command.approved", targetId: r.requestId },
        })
      ).details,
    ).toMatchObject({ approverRole: "manager" });
  });

  it("counts the threshold per incident and type over the window: splitting a fleet command does not avoid approval", async () => {
    const requester = await user("responder");
    const inc = await createTestIncident(t.db);
    const hs = await hosts(12);
    const collect = (slice: typeof hs) => collectLogs(slice, inc.id);
    // Threshold 10: 5 + 5 distinct hosts are at the threshold; the 11th host on the same incident needs approval.
    expect((await issueCommand(collect(hs.slice(0, 5)), requester)).approval).toBe("not_required");
    expect((await issueCommand(collect(hs.slice(5, 10)), requester)).approval).toBe("not_required");
    // Re-targeting hosts already counted adds nothing.
    expect((await issueCommand(collect(hs.slice(0, 3)), requester)).approval).toBe("not_required");
    expect((await issueCommand(collect(hs.slice(10, 11)), requester)).approval).toBe("pending");
    // Another incident has its own count; so does another command type.
    const other = await createTestIncident(t.db);
    expect(
      (await issueCommand({ ...collect(hs.slice(11, 12)), incidentId: other.id }, requester))
        .approval,
    ).toBe("not_required");
    expect(
      (
        await issueCommand(
          {
            type: "kill_process",
            params: { pid: 42 },
            hostIds: [hs[11].id],
            comment: "kill it",
            incidentId: inc.id,
          },
          requester,
        )
      ).approval,
    ).toBe("not_required");
  });

  it("counts split requests issued at the same moment one after the other (race-safe)", async () => {
    const requester = await user("responder");
    const inc = await createTestIncident(t.db);
    const hs = await hosts(12);
    const collect = (slice: typeof hs) => collectLogs(slice, inc.id);
    const both = await Promise.all([
      issueCommand(collect(hs.slice(0, 6)), requester),
      issueCommand(collect(hs.slice(6, 12)), requester),
    ]);
    expect(both.map((r) => r.approval).sort()).toEqual(["not_required", "pending"]);
  });

  it("without an incident the window counts the requester's own requests", async () => {
    const requester = await user("responder");
    const hs = await hosts(11);
    const q = (slice: typeof hs) => ({
      type: "kill_process",
      params: { pid: 7 },
      hostIds: slice.map((h) => h.id),
      comment: "kill everywhere",
    });
    expect((await issueCommand(q(hs.slice(0, 10)), requester)).approval).toBe("not_required");
    expect((await issueCommand(q(hs.slice(10)), requester)).approval).toBe("pending");
  });

  it("a manager rejects a whole request with a reason: every command cancelled, nothing signed, on the timeline and audited", async () => {
    const [requester, peer, lead] = [
      await user("responder"),
      await user("responder"),
      await user("manager"),
    ];
    const inc = await createTestIncident(t.db);
    const hs = await hosts(2);
    const r = await issueCommand(
      isolate(
        hs.map((h) => h.id),
        inc.id,
      ),
      requester,
    );
    await expect(rejectCommandRequest(r.requestId, peer, "no")).rejects.toMatchObject({
      status: 403,
    });
    await expect(
      rejectCommandRequest(r.requestId, requester, "changed my mind"),
    ).rejects.toMatchObject({ status: 403 });
    const out = await rejectCommandRequest(
      r.requestId,
      lead,
      "isolating would take payroll offline",
    );
    expect(out).toEqual({ requestId: r.requestId, approval: "rejected", cancelled: 2 });
    const req = await t.db.commandRequest.findUniqueOrThrow({ where: { id: r.requestId } });
    expect(req).toMatchObject({
      approval: "rejected",
      rejectedById: lead.id,
      rejectionReason: "isolating would take payroll offline",
    });
    const cmds = await t.db.command.findMany({ where: { requestId: r.requestId } });
    expect(cmds.map((c) => [c.status, c.payload])).toEqual([
      ["cancelled", null],
      ["cancelled", null],
    ]);
    await expect(approveCommandRequest(r.requestId, lead, undefined)).rejects.toMatchObject({
      status: 409,
    });
    await expect(rejectCommandRequest(r.requestId, lead, "again")).rejects.toMatchObject({
      status: 409,
    });
    expect(
      await t.db.timelineEntry.count({ where: { incidentId: inc.id, type: "command.rejected" } }),
    ).toBe(1);
    expect(
      await t.db.auditEntry.count({ where: { action: "command.rejected", targetId: r.requestId } }),
    ).toBe(1);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("notifies every lead but the requester that an approval waits, naming the incident key and the step", async () => {
    await syncPlaybookFiles({ db: t.db });
    const requester = await user("manager");
    const lead = await user("manager");
    const { inc, step: isolateStep } = await readyIsolateStep(requester);
    const key = (
      await t.db.incident.findUniqueOrThrow({ where: { id: inc.id }, select: { key: true } })
    ).key;
    const r = await issueStepCommand({ stepRunId: isolateStep.id, actor: requester });
    expect(r.approval).toBe("pending");
    const mine = await t.db.notification.findMany({
      where: { userId: lead.id, incidentId: inc.id },
    });
    expect(mine).toHaveLength(1);
    expect(mine[0].title).toContain(key);
    expect(mine[0].body).toContain(isolateStep.title);
    expect(mine[0].link).toBe(`/incidents/${key}`);
    expect(
      await t.db.notification.count({ where: { userId: requester.id, incidentId: inc.id } }),
    ).toBe(0);

    // 12.5: a second click while the first waits is a 409, not a second identical request.
    await expect(
      issueStepCommand({ stepRunId: isolateStep.id, actor: requester }),
    ).rejects.toMatchObject({ code: "conflict", status: 409 });
    expect(await t.db.commandRequest.count({ where: { stepRunId: isolateStep.id } })).toBe(1);
    // Once rejected, the step may ask again.
    await rejectCommandRequest(r.requestId, lead, "wrong host");
    const again = await issueStepCommand({ stepRunId: isolateStep.id, actor: requester });
    expect(again.approval).toBe("pending");
  });

  it("two clicks at once on a step's Send command create exactly one request", async () => {
    await syncPlaybookFiles({ db: t.db });
    const requester = await user("responder");
    const { step } = await readyIsolateStep(requester);
    const results = await Promise.allSettled([
      issueStepCommand({ stepRunId: step.id, actor: requester }),
      issueStepCommand({ stepRunId: step.id, actor: requester }),
    ]);
    expect(results.map((x) => x.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(
      (results.find((x) => x.status === "rejected") as PromiseRejectedResult).reason,
    ).toMatchObject({ status: 409 });
    expect(await t.db.commandRequest.count({ where: { stepRunId: step.id } })).toBe(1);
  });
});
