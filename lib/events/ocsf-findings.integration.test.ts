// Findings shaped as AWS Security Hub (GuardDuty, ASFF→OCSF), Okta, Prowler and Falco write
// them (test/fixtures/ocsf/), through the real route handler: they open incidents, correlate
// per host and finding, and keep the tool's own identity on the incident.
import fs from "node:fs";
import { expect, it } from "vitest";
import { POST } from "../../app/api/agent/v1/ocsf/route.ts";
import { describeDb } from "../../test/db.ts";
import { agentRequest, createTestHost } from "../../test/ingest-fixtures.ts";
import { getIncident } from "../incidents/get-incident.ts";

const ctx = { params: Promise.resolve({}) };
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(`test/fixtures/ocsf/${name}.json`, "utf8")) as Record<
    string,
    unknown
  >[];

describeDb("OCSF findings from real tools", (t) => {
  const send = async (token: string, body: unknown) => {
    const res = await POST(agentRequest("/api/agent/v1/ocsf", token, body) as never, ctx as never);
    return { status: res.status, type: res.headers.get("content-type"), body: await res.json() };
  };
  const incidentsOf = (hostId: string) =>
    t.db.incident.findMany({
      where: { hosts: { some: { hostId } } },
      orderBy: { detectedAt: "asc" },
      select: { id: true, key: true, title: true, severity: true, eventCount: true, finding: true },
    });

  it("GuardDuty via Security Hub: the finding and its update open one incident that keeps the finding", async () => {
    const h = await createTestHost(t.db, "ec2-bastion");
    const first = await send(h.token, fixture("aws-guardduty-securityhub"));
    expect(first).toMatchObject({ status: 200, body: { accepted: 2, duplicates: 0, skipped: 0 } });
    expect(first.body.incidentIds).toHaveLength(1);
    const again = await send(h.token, fixture("aws-guardduty-securityhub"));
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 2 });

    const [inc] = await incidentsOf(h.id);
    expect(inc).toMatchObject({
      title:
        "EC2 instance i-0a1b2c3d4e5f67890 is querying a domain name associated with a known Command & Control server. on ec2-bastion",
      // High, then the update raised it to Critical.
      severity: "critical",
      eventCount: 2,
      finding: {
        uid: "arn:aws:guardduty:us-east-1:123456789012:detector/b6c8a3f1e0d24e5f/finding/86c9a4e2f0b14b6d9a7e3c5d1f2b4a6c",
        types: ["TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS"],
        product: { name: "GuardDuty", vendor: "AWS" },
        class: "Detection Finding",
      },
    });
    const events = await t.db.event.findMany({ where: { hostId: h.id }, select: { type: true } });
    expect(events.map((e) => e.type)).toEqual(["external_detection", "external_detection"]);
    // What the incident page reads.
    const page = await getIncident(inc.key, t.db);
    expect(page.incident.finding).toEqual(inc.finding);

    // The same finding seen on another host is that host's incident.
    const other = await createTestHost(t.db, "ec2-worker");
    const b = await send(other.token, fixture("aws-guardduty-securityhub"));
    expect(b.body.incidentIds).toHaveLength(1);
    expect(b.body.incidentIds[0]).not.toBe(inc.id);
  });

  it("Falco alerts of one rule build one incident; an Okta finding on the same host is its own", async () => {
    const h = await createTestHost(t.db, "node-17");
    const falco = await send(h.token, fixture("falco"));
    expect(falco).toMatchObject({ status: 200, body: { accepted: 2 } });
    const okta = await send(h.token, fixture("okta"));
    expect(okta).toMatchObject({ status: 200, body: { accepted: 1 } });
    // Oldest first: the Okta sign-in was detected before the shell.
    const incidents = await incidentsOf(h.id);
    expect(incidents.map((i) => [i.title, i.severity, i.eventCount])).toEqual([
      ["Suspicious sign-in: impossible travel on node-17", "medium", 1],
      ["Terminal shell in container on node-17", "high", 2],
    ]);
    expect(incidents[1].finding).toMatchObject({
      class: "Security Finding",
      product: { name: "Falco" },
    });
    expect(incidents[0].finding).toMatchObject({
      uid: "pub4a7s2b9X0yZ1c3d5e",
      types: ["security.threat.detected", "user.session.start"],
      product: { name: "Okta Identity Threat Protection", vendor: "Okta" },
    });
  });

  it("Prowler: the failed check opens an incident, the passed one is counted and not stored", async () => {
    const h = await createTestHost(t.db);
    const r = await send(h.token, fixture("prowler"));
    expect(r).toMatchObject({ status: 200, body: { accepted: 1, skipped: 1 } });
    expect(await t.db.event.count({ where: { hostId: h.id } })).toBe(1);
    const [inc] = await incidentsOf(h.id);
    expect(inc.finding).toMatchObject({
      uid: "prowler-aws-s3_bucket_default_encryption-123456789012-us-east-1-breakwater-audit-exports",
      product: { name: "Prowler" },
    });
    // A clean scan stores nothing and is not an error.
    const clean = await send(h.token, [fixture("prowler")[1]]);
    expect(clean).toMatchObject({
      status: 200,
      body: { accepted: 0, duplicates: 0, skipped: 1, incidentIds: [] },
    });
  });

  it("classes that are not findings or remediations stay 422 problem+json, and nothing of the batch is stored", async () => {
    const h = await createTestHost(t.db);
    const r = await send(h.token, [...fixture("okta"), ...fixture("okta-authentication")]);
    expect(r.status).toBe(422);
    expect(r.type).toContain("application/problem+json");
    expect(r.body.errors).toEqual([
      { path: "1.class_uid", message: expect.stringContaining("3002 (Authentication)") },
    ]);
    expect(await t.db.event.count({ where: { hostId: h.id } })).toBe(0);
  });
});
