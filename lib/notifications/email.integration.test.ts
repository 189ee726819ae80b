// E-mail through a real SMTP server started here (smtp-server, in-process, random port): what
// arrives is parsed (mailparser) and checked. Nothing is mocked: notifications write outbox
// rows, durable timers send them after commit, failures retry and end up visible.
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import {
  createTestIncident,
  createTestUser,
  startEscapeRunWithCommander,
} from "../../test/playbook-fixtures.ts";
import { inTransaction } from "../db/transaction.ts";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { syncPlaybookFiles } from "../playbooks/sync-playbook-files.ts";
import { runDueTimers } from "../timers/run-due-timers.ts";
import { registeredTimerHandlers } from "../timers/timer-registry.ts";
import { getNotificationPreferences } from "./get-notification-preferences.ts";
import { notifyTarget } from "./notify-target.ts";
import { updateNotificationPreferences } from "./update-notification-preferences.ts";

const inbox: ParsedMail[] = [];
let refuse = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, _session, done) {
    simpleParser(stream).then(
      (mail) => {
        if (refuse > 0) {
          refuse--;
          return done(Object.assign(new Error("Mailbox busy, try later"), { responseCode: 451 }));
        }
        inbox.push(mail);
        done();
      },
      (e) => done(e),
    );
  },
});
let smtpUrl = "";
beforeAll(async () => {
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => smtp.close(() => r())));

const MIN = 60_000;
const later = (t: Date, minutes: number) => new Date(t.getTime() + minutes * MIN);
const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

describeDb("notification e-mail", (t) => {
  beforeEach(() => {
    env.BREAKWATER_SMTP_URL = smtpUrl;
    env.BREAKWATER_URL = "https://bw.example.test";
    env.BREAKWATER_MAIL_FROM = "Breakwater <bw@example.test>";
    env.BREAKWATER_EMAIL_MAX_ATTEMPTS = 2;
    env.BREAKWATER_EMAIL_RETRY_BASE_MS = 30_000;
    inbox.length = 0;
    refuse = 0;
  });
  const poll = (now: Date) => runDueTimers(registeredTimerHandlers(), { db: t.db, now: () => now });
  const emailOf = (userId: string) => t.db.user.findUniqueOrThrow({ where: { id: userId } });

  it("an SLA escalation and a role assignment arrive by e-mail, linking straight to the incident", async () => {
    await syncPlaybookFiles({ db: t.db });
    const commander = await createTestUser(t.db, "responder");
    const lead = await createTestUser(t.db, "manager");
    const inc = await createTestIncident(t.db, { severity: "high" });
    const { key } = await t.db.incident.findUniqueOrThrow({ where: { id: inc.id } });
    const t0 = new Date();
    await startEscapeRunWithCommander({
      incidentId: inc.id,
      commander,
      assignedBy: lead,
      now: t0,
    });
    const address = (await emailOf(commander.id)).email;
    // The assignment goes at once; the triage SLA (10 min, empty role → commander) at 10.
    await poll(later(t0, 9));
    expect(inbox.filter((m) => to(m) === address).map((m) => [to(m), m.subject])).toEqual([
      [address, `You are now Incident commander · ${key}`],
    ]);
    await poll(later(t0, 10.5));
    const sla = inbox.find((m) => m.subject?.startsWith("SLA breached"));
    expect(sla, "SLA e-mail").toBeDefined();
    expect(to(sla!)).toBe(address);
    expect(sla!.from?.value[0]?.address).toBe("bw@example.test");
    expect(sla!.subject).toBe(
      `SLA breached: Confirm the escape attempt and scope the blast radius · ${key}`,
    );
    expect(sla!.text).toContain(`Open it: https://bw.example.test/incidents/${key}`);
    expect(sla!.text).toContain(`Incident: ${key} — Test incident (severity high)`);
    expect(sla!.text).toContain("https://bw.example.test/settings/notifications");
    const rows = await t.db.emailMessage.findMany({ where: { userId: commander.id } });
    expect(rows.every((r) => r.status === "sent" && r.sentAt && r.attempts === 1)).toBe(true);
  });

  it("follows each person's preferences: kinds turned off, quiet hours held back except for critical, DRILL in the subject", async () => {
    // Responders: the managers get every escalation that finds nobody else (other tests').
    const quiet = await createTestUser(t.db, "responder");
    const off = await createTestUser(t.db, "responder");
    const now = new Date();
    const prefs = {
      emailEscalations: true,
      emailApprovals: true,
      emailAssignments: true,
      quietFrom: hhmm(later(now, -60)),
      quietTo: hhmm(later(now, 60)),
      timeZone: "UTC",
    };
    await updateNotificationPreferences(quiet.actor, prefs, t.db);
    await updateNotificationPreferences(off.actor, { ...prefs, emailEscalations: false }, t.db);
    const high = await createTestIncident(t.db, { severity: "high" });
    await t.db.incident.update({ where: { id: high.id }, data: { drill: true } });
    const critical = await createTestIncident(t.db, { severity: "critical" });
    for (const [inc, user] of [
      [high, quiet],
      [critical, quiet],
      [high, off],
    ] as const)
      await inTransaction(t.db, (tx) =>
        notifyTarget(tx, {
          incidentId: inc.id,
          target: {},
          userId: user.id,
          title: "Escalation level 1: Contain",
          body: "Nobody has finished this step yet.",
          email: "escalation",
        }),
      );
    expect(await t.db.emailMessage.count({ where: { userId: off.id } })).toBe(0);
    // Other tests' playbook timers share the table and send their own e-mails: read ours.
    const address = (await emailOf(quiet.id)).email;
    const mine = () => inbox.filter((m) => to(m) === address);
    await poll(later(now, 1));
    // Only the critical one went through the quiet hours.
    expect(mine().map((m) => m.subject)).toEqual([expect.stringMatching(/^Escalation level 1/)]);
    expect(mine()[0].subject).not.toContain("DRILL");
    await poll(later(now, 61));
    expect(mine()).toHaveLength(2);
    expect(mine()[1].subject).toMatch(/^DRILL — Escalation level 1: Contain · INC-/);
    expect(mine()[1].text).toContain("This is a DRILL, not a real incident.");
  });

  it("a refusing mail server neither blocks nor rolls back the notification; retries back off, then the failure is recorded and shown", async () => {
    const user = await createTestUser(t.db, "responder");
    const inc = await createTestIncident(t.db, { severity: "critical" });
    refuse = 1000;
    const now = new Date();
    await inTransaction(t.db, (tx) =>
      notifyTarget(tx, {
        incidentId: inc.id,
        target: {},
        userId: user.id,
        title: "SLA breached: Contain",
        body: "The 5-minute SLA of this step has passed.",
        email: "escalation",
      }),
    );
    expect(await t.db.notification.count({ where: { userId: user.id } })).toBe(1);
    await poll(later(now, 0.1));
    const first = await t.db.emailMessage.findFirstOrThrow({ where: { userId: user.id } });
    expect(first).toMatchObject({ status: "pending", attempts: 1 });
    expect(first.lastError).toContain("Mailbox busy");
    // Backoff: not before base delay after the attempt.
    expect(first.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(Date.now() + 25_000);
    await poll(later(now, 0.2));
    expect((await t.db.emailMessage.findUniqueOrThrow({ where: { id: first.id } })).attempts).toBe(
      1,
    );
    await poll(later(now, 2));
    const last = await t.db.emailMessage.findUniqueOrThrow({ where: { id: first.id } });
    expect(last).toMatchObject({ status: "failed", attempts: 2 });
    expect(last.failedAt).not.toBeNull();
    const address = (await emailOf(user.id)).email;
    expect(inbox.filter((m) => to(m) === address)).toHaveLength(0);
    const audit = await t.db.auditEntry.findFirst({
      where: { action: "email.failed", targetId: first.id },
    });
    expect(audit).not.toBeNull();
    const mine = await getNotificationPreferences(await emailOf(user.id), t.db);
    expect(mine.recent[0]).toMatchObject({
      status: "failed",
      lastError: expect.stringContaining("Mailbox busy"),
    });
    // No timer is left to try again.
    expect(
      await t.db.timer.count({
        where: {
          kind: "email.deliver",
          status: "pending",
          payload: { path: ["emailId"], equals: first.id },
        },
      }),
    ).toBe(0);
  });

  it("sends nothing without BREAKWATER_SMTP_URL, and refuses bad preferences with a 400", async () => {
    env.BREAKWATER_SMTP_URL = undefined;
    const user = await createTestUser(t.db, "manager");
    const inc = await createTestIncident(t.db);
    const res = await inTransaction(t.db, (tx) =>
      notifyTarget(tx, {
        incidentId: inc.id,
        target: {},
        userId: user.id,
        title: "x",
        body: "y",
        email: "escalation",
      }),
    );
    expect(res.emails).toBe(0);
    const bad = async (body: unknown) => {
      try {
        await updateNotificationPreferences(user.actor, body, t.db);
      } catch (e) {
        return e as AppError;
      }
      throw new Error("expected a refusal");
    };
    const base = {
      emailEscalations: true,
      emailApprovals: true,
      emailAssignments: true,
      timeZone: "UTC",
    };
    expect(await bad({ ...base, quietFrom: "22:00", quietTo: null })).toMatchObject({
      code: "invalid_input",
      errors: [{ path: "quietTo" }],
    });
    expect(await bad({ ...base, quietFrom: "25:00", quietTo: "07:00" })).toMatchObject({
      code: "invalid_input",
      errors: [{ path: "quietFrom" }],
    });
    expect(
      await bad({ ...base, quietFrom: null, quietTo: null, timeZone: "Mars/Olympus" }),
    ).toMatchObject({
      code: "invalid_input",
      errors: [{ path: "timeZone" }],
    });
  });
});
