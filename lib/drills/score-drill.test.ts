import { describe, expect, it } from "vitest";
import { EXPECT_ACK, EXPECT_APPROVE, EXPECT_REVOKE } from "../../test/drill-expected-actions.ts";
import { changeClock, startClock, wallAt } from "./drill-clock.ts";
import { drillStamp } from "./drill-stamp.ts";
import type { ExpectedAction } from "./scenario-schema.ts";
import { actionPoints, type DrillScoreInput, scoreDrill } from "./score-drill.ts";
import type { EvidenceIncident, EvidenceRequest } from "./score-drill-evidence.ts";

// One minute at ×1, five wall minutes paused, then ×10: wall and drill time differ a lot, so
// a scorer that measured wall time would get every figure here wrong.
const t0 = Date.UTC(2026, 11, 3, 7, 0, 0);
const clock = changeClock(changeClock(startClock(t0, 1), t0 + 60_000, 0), t0 + 360_000, 10);
const at = (drillSeconds: number) => wallAt(clock, drillSeconds * 1000) as number;

const expected: ExpectedAction[] = [
  EXPECT_ACK,
  {
    id: "cmdr",
    label: "Commander assigned ≤ 1 min",
    action: "role_assigned",
    role: "commander",
    assignRole: "commander",
    within: 60,
  },
  EXPECT_APPROVE,
  EXPECT_REVOKE,
  {
    id: "recover",
    label: "Recovered ≤ 20 min",
    action: "incident_recovered",
    role: "containment-lead",
    within: 1200,
  },
  {
    id: "second",
    label: "Second plugin revoked",
    action: "command_issued",
    role: "containment-lead",
    commandType: "quarantine_plugin",
    from: "second-plugin",
    within: 60,
  },
];

const host = (hostname: string, over: Partial<EvidenceRequest["hosts"][number]> = {}) => ({
  hostname,
  status: "succeeded",
  succeededAt: null,
  failedAt: null,
  expiredAt: null,
  failureReason: null,
  deliveryCount: 1,
  ...over,
});

const revoke: EvidenceRequest = {
  type: "revoke_permissions",
  requestedAt: at(200),
  requestedByLabel: "Sam Ortiz",
  approval: "not_required",
  approvedAt: null,
  approvedByLabel: null,
  rejectedAt: null,
  hosts: [
    host("h1", { succeededAt: at(230) }),
    host("h2", { succeededAt: at(260) }),
    host("h3", { status: "failed", failedAt: at(240), failureReason: "simulated failure" }),
    host("h4", { status: "delivered", deliveryCount: 2 }),
    host("h5", { status: "delivered", deliveryCount: 2 }),
  ],
};

const incident: EvidenceIncident = {
  key: "INC-2026-0042",
  openedAt: at(35),
  acknowledgedAt: at(90),
  containedAt: null,
  containmentVerifiedAt: null,
  recoveredAt: null,
  roles: [{ key: "commander", holder: "u1", assignedAt: at(150) }],
  steps: [
    {
      key: "approve-quarantine",
      kind: "approval",
      title: "Approve quarantining the plugin fleet-wide",
      role: "commander",
      status: "done",
      readyAt: at(100),
      requestedAt: at(120),
      completedAt: at(570),
      completedByName: "Dana Reyes",
    },
  ],
  requests: [revoke],
};

const input = (over: Partial<DrillScoreInput> = {}): DrillScoreInput => ({
  expected,
  clock,
  endedAt: at(900),
  now: at(900) + 5_000,
  injectFiredAt: { escape: at(30) },
  evidence: {
    people: { commander: "Dana Reyes", "containment-lead": "Sam Ortiz" },
    incidents: [incident],
  },
  ...over,
});

describe("scoreDrill", () => {
  it("scores each expected action in drill time across a pause and a ×10 speed-up", () => {
    const s = scoreDrill(input());
    const by = Object.fromEntries(s.actions.map((a) => [a.id, a]));
    // Acknowledged 363 wall seconds after the start, but 90 drill seconds: on time.
    expect(by.ack).toMatchObject({
      outcome: "on_time",
      actualSeconds: 90,
      lateBySeconds: 0,
      why: null,
    });
    expect(by.cmdr).toMatchObject({ outcome: "late", actualSeconds: 150, lateBySeconds: 90 });
    expect(by.cmdr.why).toContain("commander role stayed unfilled");
    // Measured from the escape inject (T+00:30), not from the start.
    expect(by.approve).toMatchObject({ outcome: "late", actualSeconds: 540, lateBySeconds: 240 });
    expect(by.approve.why).toBe(
      'step "Approve quarantining the plugin fleet-wide" became ready at T+01:40; the approval waited 7 m 30 s for commander (Dana Reyes)',
    );
    expect(by.revoke).toMatchObject({ outcome: "missed", actualSeconds: null });
    expect(by.revoke.why).toContain("failed on 1 host(s) (h3: simulated failure)");
    expect(by.revoke.why).toContain("waited on 2 host(s) that never answered (h4, h5)");
    expect(by.revoke.why).toContain("redelivered");
    expect(by.recover).toMatchObject({ outcome: "missed" });
    expect(by.recover.why).toContain("containment-lead (Sam Ortiz)");
    expect(by.second).toMatchObject({ outcome: "missed" });
    expect(by.second.why).toContain('"second-plugin" never fired');
  });

  it("gives the documented score: 1 on time, 0.5·W/(W+L) late, 0 missed, per role and overall", () => {
    const s = scoreDrill(input());
    // (1 + 0.5·60/150 + 0.5·300/540 + 0 + 0 + 0) / 6 = 24.6 %
    expect(s.overall).toBe(25);
    expect(s.byRole).toEqual([
      { role: "commander", score: 49, onTime: 1, late: 2, missed: 0, pending: 0 },
      { role: "containment-lead", score: 0, onTime: 0, late: 0, missed: 3, pending: 0 },
    ]);
    expect(actionPoints({ outcome: "late", targetSeconds: 60, lateBySeconds: 0 })).toBe(0.5);
    expect(
      actionPoints({ outcome: "late", targetSeconds: 60, lateBySeconds: 6000 }),
    ).toBeGreaterThan(0);
  });

  it("scores a running drill live: done actions count, overdue ones are late so far, the rest pending", () => {
    const s = scoreDrill(input({ endedAt: null, now: at(100) }));
    const by = Object.fromEntries(s.actions.map((a) => [a.id, a]));
    expect(by.ack.outcome).toBe("on_time");
    // Due at T+01:00, not assigned by T+01:40: late by 40 s and counting.
    expect(by.cmdr).toMatchObject({ outcome: "late", actualSeconds: null, lateBySeconds: 40 });
    expect(by.approve.outcome).toBe("pending");
    expect(by.revoke.outcome).toBe("pending");
    expect(by.second.outcome).toBe("pending");
    expect(s.byRole.find((r) => r.role === "containment-lead")).toMatchObject({
      score: 100,
      pending: 3,
    });
    expect(s.overall).toBe(65); // (1 + 0.5·60/(60+40)) / 2
  });

  it("counts nothing that happened after the end, and all hosts succeeding after a failed retry", () => {
    const retry: EvidenceRequest = {
      ...revoke,
      requestedAt: at(400),
      hosts: [
        host("h3", { succeededAt: at(420) }),
        host("h4", { succeededAt: at(430) }),
        host("h5", { succeededAt: at(650), deliveryCount: 3 }),
      ],
    };
    const s = scoreDrill(
      input({ evidence: { people: {}, incidents: [{ ...incident, requests: [revoke, retry] }] } }),
    );
    const r = s.actions.find((a) => a.id === "revoke");
    // The last host (h5) succeeded at T+10:50, 620 s after the escape: late by 20 s.
    expect(r).toMatchObject({ outcome: "late", actualSeconds: 620, lateBySeconds: 20 });
    expect(r?.why).toContain("the last host, h5, succeeded at T+10:50 after 3 deliveries");

    expect(s.actions.find((a) => a.id === "approve")?.why).toContain(
      "commander (nobody played it)",
    );

    // Ended at T+08:20, before the approval at T+09:30: it never happened as far as the score goes.
    const cut = scoreDrill(input({ endedAt: at(500) }));
    expect(cut.actions.find((a) => a.id === "approve")).toMatchObject({ outcome: "missed" });
    expect(cut.actions.find((a) => a.id === "approve")?.why).toContain(
      "the approval waited 6 m 20 s for commander (Dana Reyes)",
    );
  });

  it("explains a drill with no incident at all", () => {
    const s = scoreDrill(input({ evidence: { people: {}, incidents: [] } }));
    expect(s.overall).toBe(0);
    expect(s.actions.find((a) => a.id === "ack")?.why).toContain("no drill incident was opened");
    expect(s.actions.find((a) => a.id === "revoke")?.why).toContain(
      "no revoke_permissions was ever requested",
    );
  });

  it("stamps drill time as T+mm:ss", () => {
    expect(drillStamp(0)).toBe("T+00:00");
    expect(drillStamp(754_900)).toBe("T+12:34");
    expect(drillStamp(3_725_000)).toBe("T+1:02:05");
  });
});
