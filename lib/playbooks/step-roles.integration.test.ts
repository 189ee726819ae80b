// Role holders are not advisory (issue 12.8): a step's decision or approval is its role
// holder's; others are refused, an admin may override and the override is on the record.
// And the people who can act are told (12.7): approval requests, assignments, escalations —
// each notification names the incident key and the step.
import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { createTestIncident, createTestUser } from "../../test/playbook-fixtures.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { runDueTimers } from "../timers/run-due-timers.ts";
import { actOnStep } from "./act-on-step.ts";
import { assignIncidentRole } from "./incident-roles.ts";
import { startPlaybookRun } from "./start-playbook-run.ts";
import { syncPlaybookFiles } from "./sync-playbook-files.ts";
import { PLAYBOOK_TIMER_HANDLERS } from "./timer-handlers.ts";

describeDb("playbook step roles and notifications", (t) => {
  async function readyAt(key: string) {
    await syncPlaybookFiles({ db: t.db });
    const starter = await createTestUser(t.db, "responder");
    const inc = await createTestIncident(t.db);
    const incident = await t.db.incident.findUniqueOrThrow({
      where: { id: inc.id },
      select: { id: true, key: true },
    });
    const { runId } = await startPlaybookRun({
      incidentId: inc.id,
      slug: "sandbox-escape",
      actor: starter.actor,
    });
    const step = await t.db.stepRun.findUniqueOrThrow({ where: { runId_key: { runId, key } } });
    await t.db.stepRun.update({
      where: { id: step.id },
      data: { status: "ready", readyAt: new Date() },
    });
    return { incident, step, starter };
  }
  /** A new user of `role` made the incident's commander by the run's starter. */
  async function commanderOf(
    ready: Awaited<ReturnType<typeof readyAt>>,
    role: "responder" | "manager" = "responder",
  ) {
    const commander = await createTestUser(t.db, role);
    await assignIncidentRole({
      incidentId: ready.incident.id,
      key: "commander",
      userId: commander.id,
      actor: ready.starter.actor,
    });
    return commander;
  }
  /** A user's notifications about an incident whose title starts so. */
  const notified = (userId: string, incidentId: string, title: string) =>
    t.db.notification.findMany({ where: { userId, incidentId, title: { startsWith: title } } });
  const statusOf = async (stepRunId: string) =>
    (await t.db.stepRun.findUniqueOrThrow({ where: { id: stepRunId } })).status;

  it("a decision reserved for the commander is refused to another responder; an admin may override, audited", async () => {
    const ready = await readyAt("isolate-decision");
    const { incident, step, starter } = ready;
    const commander = await commanderOf(ready);
    const admin = await createTestUser(t.db, "admin");
    const err = await actOnStep({
      stepRunId: step.id,
      action: { action: "decide", choice: "isolate" },
      actor: starter.actor,
    }).catch((e) => e);
    expect(err).toMatchObject({ code: "forbidden", status: 403 });
    expect(String(err.message)).toContain(commander.name);
    expect(await statusOf(step.id)).toBe("ready");
    await actOnStep({
      stepRunId: step.id,
      action: { action: "decide", choice: "isolate" },
      actor: admin.actor,
    });
    expect(await statusOf(step.id)).toBe("done");
    const override = await t.db.auditEntry.findFirstOrThrow({
      where: { action: "playbook.role_override", actorId: admin.id },
    });
    expect(override.details).toMatchObject({
      role: "commander",
      holderId: commander.id,
      action: "decide",
    });
    expect(
      await t.db.timelineEntry.count({
        where: { incidentId: incident.id, type: "playbook.role_override" },
      }),
    ).toBe(1);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it("the commander decides their own step; an unfilled role reserves nothing", async () => {
    const ready = await readyAt("isolate-decision");
    const { step } = ready;
    const commander = await commanderOf(ready);
    await actOnStep({
      stepRunId: step.id,
      action: { action: "decide", choice: "isolate" },
      actor: commander.actor,
    });
    const other = await readyAt("isolate-decision");
    await actOnStep({
      stepRunId: other.step.id,
      action: { action: "decide", choice: "isolate" },
      actor: other.starter.actor,
    });
    expect(await statusOf(other.step.id)).toBe("done");
  });

  it("an approval request notifies the role holder (not the requester), naming incident key and step; approving is theirs", async () => {
    const ready = await readyAt("approve-quarantine");
    const { incident, step, starter } = ready;
    const commander = await commanderOf(ready, "manager");
    const bystander = await createTestUser(t.db, "manager");
    await actOnStep({
      stepRunId: step.id,
      action: { action: "request_approval" },
      actor: starter.actor,
    });
    const n = await notified(commander.id, incident.id, "Approval requested");
    expect(n).toHaveLength(1);
    expect(n[0].title).toContain(incident.key);
    expect(n[0].title).toContain(step.title);
    expect(n[0].link).toBe(`/incidents/${incident.key}`);
    expect(
      await t.db.notification.count({ where: { userId: starter.id, incidentId: incident.id } }),
    ).toBe(0);
    await expect(
      actOnStep({ stepRunId: step.id, action: { action: "approve" }, actor: bystander.actor }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      actOnStep({
        stepRunId: step.id,
        action: { action: "reject", note: "no" },
        actor: bystander.actor,
      }),
    ).rejects.toMatchObject({ status: 403 });
    await actOnStep({ stepRunId: step.id, action: { action: "approve" }, actor: commander.actor });
    expect(await statusOf(step.id)).toBe("done");
  });

  it("an assignment notifies the new holder with the steps waiting on them; an escalation names the incident key", async () => {
    const ready = await readyAt("isolate-decision");
    const { incident, step } = ready;
    const commander = await commanderOf(ready);
    const [n] = await t.db.notification.findMany({
      where: { userId: commander.id, incidentId: incident.id },
    });
    expect(n.title).toBe(`You are now Incident commander · ${incident.key}`);
    expect(n.body).toContain(step.title);
    // Triage is ready from the start with a 10-minute SLA escalating to the commander.
    await runDueTimers(PLAYBOOK_TIMER_HANDLERS, {
      db: t.db,
      now: () => new Date(Date.now() + 11 * 60_000),
    });
    const esc = await notified(commander.id, incident.id, "Escalation level 1");
    expect(esc).toHaveLength(1);
    expect(esc[0].title).toContain(incident.key);
    expect(esc[0].title).toContain("Confirm the escape attempt");
  });
});
