import { describe, expect, it } from "vitest";
import {
  type CorrelationEvent,
  correlate,
  correlationKeyOf,
  type IncidentCandidate,
  incidentTitle,
} from "./correlate.ts";
import { ALLOWED_TRANSITIONS, canTransition, noteRequired } from "./transitions.ts";

const W = 15 * 60_000;
const T0 = new Date("2026-11-21T10:00:00Z").getTime();
const at = (min: number) => new Date(T0 + min * 60_000);
const acme = { name: "acme-pdf", version: "2.3.1", sha256: "a".repeat(64) };
const other = { name: "zip-tool", version: "1.0.0" };
const e = (index: number, over: Partial<CorrelationEvent> = {}): CorrelationEvent => ({
  index,
  type: "sandbox_escape_attempt",
  observedAt: at(0),
  plugin: acme,
  ...over,
});
const run = (events: CorrelationEvent[], candidates: IncidentCandidate[] = []) =>
  correlate({ hostId: "h1", hostname: "ws-01", events, candidates, windowMs: W });
const cand = (over: Partial<IncidentCandidate> = {}): IncidentCandidate => ({
  id: "inc-1",
  correlationKey: "plugin:acme-pdf",
  severity: "high",
  detectedAt: at(0),
  lastEventAt: at(5),
  onHost: false,
  ...over,
});

describe("correlation keys and titles", () => {
  it("keys on the plugin's name whatever its version or build, else on the host", () => {
    expect(correlationKeyOf({ plugin: acme }, "h1")).toBe("plugin:acme-pdf");
    expect(
      correlationKeyOf({ plugin: { ...acme, version: "2.4.0", sha256: "b".repeat(64) } }, "h1"),
    ).toBe("plugin:acme-pdf");
    expect(correlationKeyOf({ plugin: other }, "h1")).toBe("plugin:zip-tool");
    expect(correlationKeyOf({}, "h1")).toBe("host:h1");
  });
  it("titles incidents from type and plugin (no version: it spans versions), or type and host", () => {
    expect(incidentTitle({ type: "sandbox_escape_attempt", plugin: acme }, "ws-01")).toBe(
      "Sandbox escape attempt — acme-pdf",
    );
    expect(incidentTitle({ type: "ipc_anomaly" }, "ws-01")).toBe("IPC anomaly on ws-01");
  });
  it("keys an external finding on host and title (else uid), and titles it with the finding's title", () => {
    const f = { uid: "arn:aws:guardduty:1", title: "Unusual  API calls" };
    expect(correlationKeyOf({ finding: f }, "h1")).toBe("finding:h1:unusual api calls");
    expect(correlationKeyOf({ finding: { ...f, uid: "other" } }, "h1")).toBe(
      "finding:h1:unusual api calls",
    );
    expect(correlationKeyOf({ finding: f }, "h2")).not.toBe(correlationKeyOf({ finding: f }, "h1"));
    expect(correlationKeyOf({ finding: { uid: "U-1" } }, "h1")).toBe("finding:h1:u-1");
    // A plugin named in the finding wins: the plugin is what a responder contains.
    expect(correlationKeyOf({ plugin: acme, finding: f }, "h1")).toBe("plugin:acme-pdf");
    expect(incidentTitle({ type: "external_detection", finding: f }, "ws-01")).toBe(
      "Unusual  API calls on ws-01",
    );
    expect(incidentTitle({ type: "external_detection" }, "ws-01")).toBe(
      "External detection on ws-01",
    );
  });
});

describe("correlate", () => {
  it("opens one incident for a burst about one plugin, with max severity and the earliest observedAt", () => {
    const p = run([
      e(0, { observedAt: at(3), severity: "medium" }),
      e(1, { observedAt: at(1), type: "permission_violation" }),
      e(2, { observedAt: at(2), severity: "low" }),
    ]);
    expect(p.created).toHaveLength(1);
    expect(p.created[0]).toMatchObject({
      severity: "high",
      detectedAt: at(1),
      lastEventAt: at(3),
      eventCount: 3,
      firstType: "permission_violation",
      title: "Permission violation — acme-pdf",
    });
    expect(p.assignments).toEqual([
      { kind: "new", ref: 0 },
      { kind: "new", ref: 0 },
      { kind: "new", ref: 0 },
    ]);
  });

  it("joins an existing not-closed incident within the window and raises its severity", () => {
    const p = run([e(0, { observedAt: at(18) })], [cand()]);
    expect(p.created).toHaveLength(0);
    expect(p.updated).toEqual([
      {
        id: "inc-1",
        severityBefore: "high",
        severity: "critical",
        detectedAt: at(0),
        lastEventAt: at(18),
        eventCount: 1,
      },
    ]);
  });

  it("opens a new incident once the window has passed", () => {
    const p = run([e(0, { observedAt: at(21) })], [cand()]);
    expect(p.created).toHaveLength(1);
    expect(p.updated).toHaveLength(0);
  });

  it("slides the window along a steady stream, but splits on a gap longer than the window", () => {
    const p = run([
      e(0, { observedAt: at(0) }),
      e(1, { observedAt: at(14) }),
      e(2, { observedAt: at(28) }),
      e(3, { observedAt: at(60) }),
    ]);
    expect(p.created).toHaveLength(2);
    expect(p.assignments.map((a) => a && a.kind === "new" && a.ref)).toEqual([0, 0, 0, 1]);
  });

  it("keeps different plugins apart, and events without a plugin per host", () => {
    const p = run([
      e(0),
      e(1, { plugin: other }),
      e(2, { plugin: undefined, type: "ipc_anomaly" }),
    ]);
    expect(p.created.map((c) => c.correlationKey)).toEqual([
      "plugin:acme-pdf",
      "plugin:zip-tool",
      "host:h1",
    ]);
    expect(p.created[2].severity).toBe("medium");
  });

  it("puts one plugin's attempts at two versions into one incident, in one batch and across batches", () => {
    const v2 = { ...acme, version: "2.4.0", sha256: "b".repeat(64) };
    const one = run([e(0, { observedAt: at(0) }), e(1, { observedAt: at(1), plugin: v2 })]);
    expect(one.created).toHaveLength(1);
    expect(one.created[0].eventCount).toBe(2);
    const joined = run([e(0, { observedAt: at(6), plugin: v2 })], [cand()]);
    expect(joined.created).toHaveLength(0);
    expect(joined.assignments[0]).toEqual({ kind: "existing", id: "inc-1" });
  });

  it("attaches response events to the matching incident without opening one or raising severity", () => {
    const p = run(
      [e(0, { type: "containment_applied", observedAt: at(240), severity: "critical" })],
      [cand()],
    );
    expect(p.created).toHaveLength(0);
    expect(p.responses).toEqual([{ index: 0, target: { kind: "existing", id: "inc-1" } }]);
    expect(p.updated[0]).toMatchObject({ severity: "high", lastEventAt: at(240) });
  });

  it("attaches a plugin-less response event to the host's incident, and leaves it unattached without one", () => {
    const onHost = run(
      [e(0, { type: "rollback_completed", plugin: undefined })],
      [cand({ onHost: true })],
    );
    expect(onHost.assignments[0]).toEqual({ kind: "existing", id: "inc-1" });
    const none = run(
      [e(0, { type: "command_rejected", plugin: undefined })],
      [cand({ onHost: false })],
    );
    expect(none.assignments[0]).toBeNull();
    expect(none.created).toHaveLength(0);
  });

  it("lets a response event in the same batch land on the incident that batch opened", () => {
    const p = run([
      e(0, { type: "containment_applied", observedAt: at(1) }),
      e(1, { observedAt: at(2) }),
    ]);
    expect(p.created).toHaveLength(1);
    expect(p.assignments[0]).toEqual({ kind: "new", ref: 0 });
    expect(p.created[0].eventCount).toBe(2);
  });
});

describe("allowed transitions", () => {
  it("follows the response path and allows reopen only from recovered or closed", () => {
    expect(canTransition("open", "acknowledged")).toBe(true);
    expect(canTransition("acknowledged", "contained")).toBe(true);
    expect(canTransition("contained", "recovered")).toBe(true);
    expect(canTransition("recovered", "closed")).toBe(true);
    expect(canTransition("closed", "open")).toBe(true);
    expect(canTransition("open", "recovered")).toBe(false);
    expect(canTransition("contained", "open")).toBe(false);
    expect(canTransition("closed", "acknowledged")).toBe(false);
    for (const [from, tos] of Object.entries(ALLOWED_TRANSITIONS)) expect(tos).not.toContain(from);
  });
  it("requires a note to dismiss without containment or to reopen", () => {
    expect(noteRequired("open", "closed")).toBe(true);
    expect(noteRequired("recovered", "closed")).toBe(false);
    expect(noteRequired("closed", "open")).toBe(true);
  });
});
