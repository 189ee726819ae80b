import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { mapOcsfBatch } from "./map-ocsf.ts";

const T = Date.parse("2026-11-21T10:00:00Z");
const sha = "b".repeat(64);
const finding = (over: Record<string, unknown> = {}) => ({
  class_uid: 2004,
  activity_id: 1,
  time: T,
  severity_id: 5,
  metadata: { uid: "f-123", version: "1.3.0", product: { name: "acme-agent" } },
  finding_info: {
    uid: "f-123",
    title: "Plugin tried to escape",
    types: ["sandbox_escape_attempt"],
  },
  resources: [{ type: "plugin", name: "acme-pdf", version: "2.3.1", uid: sha }],
  ...over,
});
const fail = (raw: unknown): AppError => {
  try {
    mapOcsfBatch(raw);
  } catch (e) {
    return e as AppError;
  }
  throw new Error("expected a failure");
};

describe("mapOcsfBatch", () => {
  it("maps a Detection Finding onto a typed event with severity, plugin and a stable eventId", () => {
    const { events } = mapOcsfBatch([finding()]);
    expect(events[0]).toMatchObject({
      type: "sandbox_escape_attempt",
      observedAt: "2026-11-21T10:00:00.000Z",
      severity: "critical",
      plugin: { name: "acme-pdf", version: "2.3.1", sha256: sha },
    });
    expect(events[0].details).toMatchObject({
      ocsf: { class_uid: 2004, class_name: "Detection Finding" },
      title: "Plugin tried to escape",
    });
    expect(mapOcsfBatch([finding()]).events[0].eventId).toBe(events[0].eventId);
    expect(mapOcsfBatch([finding({ metadata: { uid: "f-124" } })]).events[0].eventId).not.toBe(
      events[0].eventId,
    );
    expect(events[0].eventId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("keeps a UUID uid as the eventId and maps severity ids", () => {
    const uid = "0b3f1c2e-1111-4222-8333-444455556666";
    const { events } = mapOcsfBatch({
      events: [
        finding({ metadata: { uid }, severity_id: 3 }),
        finding({ metadata: { uid: "x" }, severity_id: 0 }),
      ],
    });
    expect(events[0]).toMatchObject({ eventId: uid, severity: "medium" });
    expect(events[1].severity).toBeUndefined();
  });

  it("maps Remediation Activity classes by activity: isolate/evict/harden → containment, restore → rollback", () => {
    const rem = (class_uid: number, activity_id: number) => ({
      class_uid,
      activity_id,
      time: T,
      metadata: { uid: `r-${class_uid}-${activity_id}` },
      resources: [{ name: "acme-pdf", version: "2.3.1" }],
    });
    const { events } = mapOcsfBatch([rem(7001, 1), rem(7002, 2), rem(7003, 4), rem(7004, 3)]);
    expect(events.map((e) => e.type)).toEqual([
      "containment_applied",
      "containment_applied",
      "containment_applied",
      "rollback_completed",
    ]);
    expect(events[0].plugin).toEqual({ name: "acme-pdf", version: "2.3.1" });
    expect(fail([rem(7001, 5)])).toMatchObject({
      code: "unprocessable",
      errors: [{ path: "0.activity_id" }],
    });
  });

  it("refuses unsupported classes with a 422 naming the class, and the whole batch with it", () => {
    const e = fail([finding(), { class_uid: 4001, time: T }]);
    expect(e.code).toBe("unprocessable");
    expect(e.errors).toEqual([
      {
        path: "1.class_uid",
        message: expect.stringContaining("OCSF class 4001 (Network Activity) is not supported"),
      },
    ]);
    expect(fail([{ class_uid: 2002, time: T }]).errors![0].message).toContain(
      "OCSF class 2002 (Vulnerability Finding) is not supported",
    );
    expect(fail([{ class_uid: 9999, time: T }]).errors![0].message).toContain(
      "OCSF class 9999 is not supported",
    );
  });

  it("maps a finding without a Breakwater type to external_detection, keeping the finding's identity", () => {
    const { events } = mapOcsfBatch([
      finding({ finding_info: { uid: "f-9", title: "Malware seen", types: ["Malware"] } }),
    ]);
    expect(events[0]).toMatchObject({
      type: "external_detection",
      severity: "critical",
      plugin: { name: "acme-pdf" },
      details: {
        finding: {
          uid: "f-9",
          title: "Malware seen",
          types: ["Malware"],
          product: { name: "acme-agent" },
          class: "Detection Finding",
        },
      },
    });
  });

  it("refuses malformed events with 400", () => {
    expect(fail([finding({ time: "noon" })])).toMatchObject({
      code: "invalid_input",
      errors: [{ path: "0.time" }],
    });
    expect(fail({ nope: 1 }).code).toBe("invalid_input");
    expect(fail([]).code).toBe("invalid_input");
    expect(fail(Array.from({ length: 501 }, () => finding())).code).toBe("payload_too_large");
  });
});

describe("hostile nesting", () => {
  it("refuses deeply nested OCSF and event details with 400 instead of overflowing the stack", async () => {
    let deep: unknown = {};
    for (let i = 0; i < 200_000; i++) deep = { a: deep };
    expect(fail([{ class_uid: 2004, time: T, unmapped: deep }])).toMatchObject({
      code: "invalid_input",
      errors: [{ path: "0" }],
    });
    const { parseBatch } = await import("./parse-batch.ts");
    let caught: AppError | undefined;
    try {
      parseBatch({
        events: [
          {
            eventId: "0b3f1c2e-1111-4222-8333-444455556666",
            type: "ipc_anomaly",
            observedAt: "2026-11-21T10:00:00Z",
            details: { x: deep },
          },
        ],
      });
    } catch (e) {
      caught = e as AppError;
    }
    expect(caught).toMatchObject({
      code: "invalid_input",
      errors: [{ path: "events.0.details", message: expect.stringContaining("nest deeper") }],
    });
  });
});

describe("findings as real tools write them (test/fixtures/ocsf)", () => {
  const fixture = (name: string) =>
    JSON.parse(fs.readFileSync(`test/fixtures/ocsf/${name}.json`, "utf8")) as unknown[];

  it("GuardDuty via Security Hub: an update of one finding is a new event of the same finding", () => {
    const { events } = mapOcsfBatch(fixture("aws-guardduty-securityhub"));
    expect(events.map((e) => [e.type, e.severity])).toEqual([
      ["external_detection", "high"],
      ["external_detection", "critical"],
    ]);
    // An EC2 instance is not a plugin.
    expect(events[0].plugin).toBeUndefined();
    expect(events[0].eventId).not.toBe(events[1].eventId);
    expect(events[0].details).toMatchObject({
      finding: {
        uid: expect.stringContaining("/finding/86c9a4e2"),
        types: ["TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS"],
        product: { name: "GuardDuty", vendor: "AWS" },
      },
    });
    expect(mapOcsfBatch(fixture("aws-guardduty-securityhub")).events[1].eventId).toBe(
      events[1].eventId,
    );
  });

  it("Prowler: epoch-seconds time, passed checks skipped", () => {
    const { events, skipped } = mapOcsfBatch(fixture("prowler"));
    expect(skipped).toEqual([1]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "external_detection",
      observedAt: "2026-12-01T11:30:00.000Z",
      severity: "medium",
      details: { finding: { product: { name: "Prowler", vendor: "Prowler" } } },
    });
  });

  it("Okta and Falco (2001 Security Finding, `finding` rather than `finding_info`)", () => {
    const okta = mapOcsfBatch(fixture("okta")).events[0];
    expect(okta).toMatchObject({
      type: "external_detection",
      eventId: "3f0c9b52-7d8a-4c1e-9e6b-2a4d5f7e8c91",
      severity: "medium",
      details: { finding: { title: "Suspicious sign-in: impossible travel" } },
    });
    const falco = mapOcsfBatch(fixture("falco")).events;
    expect(falco.map((e) => e.details)).toMatchObject([
      { finding: { title: "Terminal shell in container", class: "Security Finding" } },
      { finding: { title: "Terminal shell in container" } },
    ]);
    expect(falco[0].plugin).toBeUndefined();
  });

  it("an Okta Authentication event is not a finding: 422 naming the class", () => {
    expect(fail(fixture("okta-authentication"))).toMatchObject({
      code: "unprocessable",
      errors: [{ path: "0.class_uid", message: expect.stringContaining("3002 (Authentication)") }],
    });
  });
});
