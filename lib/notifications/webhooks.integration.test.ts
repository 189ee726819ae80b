import { afterAll, beforeAll, expect, it } from "vitest";
import http from "node:http";
import crypto from "node:crypto";
import { describeDb } from "../../test/db.ts";
import { createTestIncident } from "../../test/playbook-fixtures.ts";
import { deliverDueWebhooks, signBody } from "./flows/deliver-webhooks.ts";
import { notifyTarget } from "./notify-target.ts";

// A real HTTP receiver: answers 500 twice, then 200; records bodies and signatures.
const received: { body: string; sig: string; ts: string }[] = [];
let failuresLeft = 2;
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ body, sig: String(req.headers["x-breakwater-signature"]), ts: String(req.headers["x-breakwater-timestamp"]) });
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

describeDb("outbound webhooks", (t) => {
  it("signs with HMAC-SHA256, retries with exponential backoff and logs every response code", async () => {
    failuresLeft = 2;
    received.length = 0;
    const secret = crypto.randomBytes(24).toString("hex");
    await t.db.webhookEndpoint.create({ data: { team: `team-${t.kind}`, url, secret, format: "slack" } });
    const inc = await createTestIncident(t.db);
    await t.db.$transaction((tx) => notifyTarget(tx, { incidentId: inc.id, target: { managers: true }, title: "Escalation level 1: Triage", body: "Nobody moved", link: "/incidents/x", team: `team-${t.kind}` }));
    const d0 = await t.db.webhookDelivery.findFirstOrThrow({ where: { endpoint: { team: `team-${t.kind}` } } });
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
    const log = await t.db.webhookAttempt.findMany({ where: { deliveryId: d0.id }, orderBy: { id: "asc" } });
    expect(log.map((l) => l.statusCode)).toEqual([500, 500, 200]);
    const last = received.at(-1)!;
    expect(last.sig).toBe(`sha256=${signBody(secret, last.ts, last.body)}`);
    expect(JSON.parse(last.body)).toMatchObject({ text: expect.stringContaining("Escalation level 1"), blocks: [expect.objectContaining({ type: "section" })] });
  });
});
