import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { createTestIncident } from "../../test/playbook-fixtures.ts";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { createWebhook } from "./create-webhook.ts";
import { deliverDueWebhooks, signBody } from "./flows/deliver-webhooks.ts";
import { listWebhookDeliveries as listDeliveries } from "./list-webhook-deliveries.ts";
import { listWebhooks } from "./list-webhooks.ts";
import { notifyTarget } from "./notify-target.ts";

// A real HTTP receiver: answers 500 twice, then 200; records bodies and signatures.
const received: { body: string; sig: string; ts: string }[] = [];
let failuresLeft = 2;
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({
      body,
      sig: String(req.headers["x-breakwater-signature"]),
      ts: String(req.headers["x-breakwater-timestamp"]),
    });
    res.statusCode = failuresLeft-- > 0 ? 500 : 200;
    res.end();
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const ADMIN = { type: "user", id: "00000000-0000-0000-0000-000000000001", label: "Admin" } as const;

describeDb("outbound webhooks", (t) => {
  // The receiver is on loopback, which webhooks may only reach when the operator says so.
  beforeEach(() => {
    env.BREAKWATER_WEBHOOK_ALLOW_PRIVATE = true;
  });
  afterAll(() => {
    env.BREAKWATER_WEBHOOK_ALLOW_PRIVATE = false;
  });
  /** Notifies `team` about a new incident: one webhook delivery queued per endpoint of the team. */
  async function notifyTeam(team: string, title = "t", body = "b") {
    const inc = await createTestIncident(t.db);
    await t.db.$transaction((tx) =>
      notifyTarget(tx, {
        incidentId: inc.id,
        target: { managers: true },
        title,
        body,
        link: "/incidents/x",
        team,
      }),
    );
  }

  it("signs with HMAC-SHA256, retries with exponential backoff and logs every response code", async () => {
    failuresLeft = 2;
    received.length = 0;
    const secret = crypto.randomBytes(24).toString("hex");
    await t.db.webhookEndpoint.create({
      data: { team: `team-${t.kind}`, url, secret, format: "slack" },
    });
    await notifyTeam(`team-${t.kind}`, "Escalation level 1: Triage", "Nobody moved");
    const d0 = await t.db.webhookDelivery.findFirstOrThrow({
      where: { endpoint: { team: `team-${t.kind}` } },
    });
    let clock = Date.now();
    const now = () => new Date(clock);
    expect(await deliverDueWebhooks({ db: t.db, now })).toBe(1);
    let d = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: d0.id } });
    expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    const firstDelay = d.nextAttemptAt.getTime() - clock;
    // Not due yet: nothing is sent.
    expect(await deliverDueWebhooks({ db: t.db, now })).toBe(0);
    clock = d.nextAttemptAt.getTime() + 1;
    expect(await deliverDueWebhooks({ db: t.db, now })).toBe(1);
    d = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: d0.id } });
    expect(d.nextAttemptAt.getTime() - clock).toBeGreaterThanOrEqual(firstDelay * 2 - 5);
    clock = d.nextAttemptAt.getTime() + 1;
    expect(await deliverDueWebhooks({ db: t.db, now })).toBe(1);
    d = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: d0.id } });
    expect(d).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200 });
    const log = await t.db.webhookAttempt.findMany({
      where: { deliveryId: d0.id },
      orderBy: { id: "asc" },
    });
    expect(log.map((l) => l.statusCode)).toEqual([500, 500, 200]);
    const last = received.at(-1)!;
    expect(last.sig).toBe(`sha256=${signBody(secret, last.ts, last.body)}`);
    expect(JSON.parse(last.body)).toMatchObject({
      text: expect.stringContaining("Escalation level 1"),
      blocks: [expect.objectContaining({ type: "section" })],
    });
  });

  it("refuses private, loopback, link-local, unique-local and unspecified targets on save, writing nothing", async () => {
    env.BREAKWATER_WEBHOOK_ALLOW_PRIVATE = false;
    const before = {
      endpoints: await t.db.webhookEndpoint.count(),
      audit: await t.db.auditEntry.count(),
    };
    for (const url of [
      "http://169.254.169.254/latest/meta-data",
      "http://127.0.0.1:8080/hook",
      "http://[::1]/hook",
      "http://[fd00::1]/hook",
      "http://[fe80::1]/hook",
      "http://0.0.0.0/",
      "http://10.0.0.5/hook",
      "http://192.168.1.1/hook",
      "http://[::ffff:127.0.0.1]/hook",
      "http://localhost:3000/hook",
    ]) {
      const e = await createWebhook({
        team: "sec",
        url,
        secret: "0123456789abcdef",
        format: "json",
        actor: ADMIN,
      }).catch((x: unknown) => x);
      expect(e, url).toBeInstanceOf(AppError);
      expect((e as AppError).code, url).toBe("invalid_input");
      expect((e as AppError).message).toMatch(/BREAKWATER_WEBHOOK_ALLOW_PRIVATE/);
    }
    expect(await t.db.webhookEndpoint.count()).toBe(before.endpoints);
    expect(await t.db.auditEntry.count()).toBe(before.audit);
  });

  it("keeps the URL's secret path out of the audit log and out of every response after save", async () => {
    env.BREAKWATER_WEBHOOK_ALLOW_PRIVATE = false;
    const url = "https://hooks.slack.com/services/T000/B000/SuperSecretToken123";
    const created = await createWebhook({
      team: `slack-${t.kind}`,
      url,
      secret: "0123456789abcdef",
      format: "slack",
      actor: ADMIN,
    });
    expect(created.url).toBe("https://hooks.slack.com/…");
    expect((await listWebhooks()).endpoints.find((e) => e.id === created.id)?.url).toBe(
      "https://hooks.slack.com/…",
    );
    const audit = await t.db.auditEntry.findFirstOrThrow({
      where: { action: "webhook.created", targetId: created.id },
    });
    expect(audit.details).toMatchObject({ url: "https://hooks.slack.com/…" });
    const everything = JSON.stringify(await t.db.auditEntry.findMany(), (_k, v) =>
      typeof v === "bigint" ? String(v) : v,
    );
    expect(everything).not.toContain("SuperSecretToken123");
    // The delivery log names the endpoint the same way.
    await notifyTeam(`slack-${t.kind}`);
    expect(JSON.stringify(await listDeliveries())).not.toContain("SuperSecretToken123");
    // The stored URL is intact: delivery still needs it.
    expect((await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).url).toBe(
      url,
    );
    await t.db.webhookDelivery.deleteMany({ where: { endpointId: created.id } });
  });

  it("re-checks the target at send time: a stored loopback URL or a name resolving to loopback gets nothing", async () => {
    env.BREAKWATER_WEBHOOK_ALLOW_PRIVATE = false;
    received.length = 0;
    failuresLeft = 0;
    const port = new URL(url).port;
    const team = `rebind-${t.kind}`;
    // As if saved while the flag was on, or a name that resolved elsewhere at save time.
    await t.db.webhookEndpoint.createMany({
      data: [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`].map((u) => ({
        team,
        url: u,
        secret: "0123456789abcdef",
        format: "json" as const,
      })),
    });
    await notifyTeam(team);
    expect(await deliverDueWebhooks({ db: t.db })).toBe(2);
    expect(received).toHaveLength(0);
    const ds = await t.db.webhookDelivery.findMany({ where: { endpoint: { team } } });
    expect(ds.map((d) => [d.status, d.lastStatusCode])).toEqual([
      ["pending", null],
      ["pending", null],
    ]);
    for (const d of ds) expect(d.lastError).toMatch(/refused: .*(127\.0\.0\.1|::1)/);

    // With the operator's flag the same rows are delivered.
    env.BREAKWATER_WEBHOOK_ALLOW_PRIVATE = true;
    await t.db.webhookDelivery.updateMany({
      where: { endpoint: { team } },
      data: { nextAttemptAt: new Date(0) },
    });
    expect(await deliverDueWebhooks({ db: t.db })).toBe(2);
    expect(received).toHaveLength(2);
  });
});
