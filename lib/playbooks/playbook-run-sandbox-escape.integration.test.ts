// The shipped sandbox-escape playbook run from start to finish on a real database.
import { beforeAll, expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { createTestIncident, createTestUser, stepsByKey } from "../../test/playbook-fixtures.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { actOnStep } from "./act-on-step.ts";
import { assignIncidentRole } from "./incident-roles.ts";
import { startPlaybookRun } from "./start-playbook-run.ts";

import { syncPlaybookFiles } from "./sync-playbook-files.ts";

describeDb("playbook runs: sandbox-escape end to end", (t) => {
  // The shipped playbook files, published as the first test of playbook-run does.
  beforeAll(() => syncPlaybookFiles({ db: t.db }));
  const steps = (runId: string) => stepsByKey(t.db, runId);

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
});
