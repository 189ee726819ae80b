// Drill runs as rows, for scoring, comparison and report tests that must not wait for the
// engine: a run whose clock ran a minute at ×1, stood paused five wall minutes, then ran ×10,
// with one drill incident carrying the machine timestamps the scorer reads.
import crypto from "node:crypto";
import { changeClock, startClock, wallAt } from "../lib/drills/drill-clock.ts";
import type { ScenarioInput } from "../lib/drills/scenario-schema.ts";
import type { PrismaClient } from "../lib/generated/prisma/client.ts";
import { EXPECT_ACK, EXPECT_APPROVE, EXPECT_REVOKE } from "./drill-expected-actions.ts";
import { createTestHost } from "./ingest-fixtures.ts";
import { BARE_ESCAPE_VERSION } from "./playbook-fixtures.ts";

export const DRILL_T0 = Date.UTC(2026, 10, 20, 9, 0, 0);

export const DRILL_SCENARIO: ScenarioInput = {
  slug: "escape-drill",
  title: "Sandbox escape across the fleet",
  objectives: ["Contain a spreading escape within ten minutes"],
  playbook: "sandbox-escape",
  roles: [{ key: "commander" }, { key: "containment-lead" }],
  fleet: { hosts: 3 },
  durationSeconds: 1800,
  injects: [
    {
      id: "escape",
      at: 30,
      kind: "events",
      hosts: { count: 3 },
      plugin: { name: "acme-pdf", version: "2.3.1" },
      eventType: "sandbox_escape_attempt",
      severity: "critical",
    },
    {
      id: "revoke-fails",
      at: 60,
      kind: "command_fails",
      hosts: { count: 1 },
      commandType: "revoke_permissions",
    },
  ],
  expected: [EXPECT_ACK, EXPECT_APPROVE, EXPECT_REVOKE],
};

type Seed = {
  key: string;
  hash?: string;
  status?: "running" | "ended";
  /** Drill second the run ended at (ended runs). */
  endedAtSecond?: number;
  /** Drill second the approval step was approved at, or null. */
  approvedAtSecond?: number | null;
  startedAt?: number;
};

export async function seedDrillRun(db: PrismaClient, seed: Seed) {
  const t0 = seed.startedAt ?? DRILL_T0;
  const clock = changeClock(changeClock(startClock(t0, 1), t0 + 60_000, 0), t0 + 360_000, 10);
  const at = (s: number) => new Date(wallAt(clock, s * 1000) as number);
  const facilitator = await db.user.create({
    data: {
      email: `fac-${crypto.randomUUID()}@example.test`,
      name: "Fran Facilitator",
      role: "manager",
    },
  });
  const dana = await db.user.create({
    data: {
      email: `dana-${crypto.randomUUID()}@example.test`,
      name: "Dana Reyes",
      role: "responder",
    },
  });
  const ended = (seed.status ?? "ended") === "ended";
  const run = await db.drillRun.create({
    data: {
      key: seed.key,
      scenarioSlug: DRILL_SCENARIO.slug,
      scenarioTitle: DRILL_SCENARIO.title,
      scenarioHash: seed.hash ?? "h".repeat(64),
      scenario: DRILL_SCENARIO as object,
      status: ended ? "ended" : "running",
      speed: 10,
      anchorAt: new Date(t0 + 360_000),
      anchorElapsedMs: 60_000,
      clockSegments: clock,
      startedAt: new Date(t0),
      startedById: facilitator.id,
      startedByLabel: facilitator.name,
      endedAt: ended ? at(seed.endedAtSecond ?? 900) : null,
      endReason: ended ? "facilitator" : null,
      participants: {
        create: [
          { userId: facilitator.id, role: "facilitator" },
          { userId: dana.id, role: "commander" },
        ],
      },
      injects: {
        create: DRILL_SCENARIO.injects.map((inj, index) => ({
          index,
          atSeconds: inj.at,
          kind: inj.kind,
          spec: inj as object,
          status: "fired" as const,
          firedAt: at(inj.at),
        })),
      },
    },
  });
  const version = await db.playbookVersion.upsert({
    where: { slug_version: { slug: "sandbox-escape", version: 1 } },
    update: {},
    create: BARE_ESCAPE_VERSION,
  });
  const incident = await db.incident.create({
    data: {
      key: `INC-2026-${seed.key.slice(-4)}`,
      title: "Sandbox escape — acme-pdf",
      severity: "critical",
      correlationKey: `drill:${run.id}`,
      pluginName: "acme-pdf",
      detectedAt: at(31),
      openedAt: at(35),
      lastEventAt: at(35),
      status: "acknowledged",
      acknowledgedAt: at(90),
      drill: true,
      drillRunId: run.id,
      roles: {
        create: [{ key: "commander", label: "Commander", userId: dana.id, assignedAt: at(40) }],
      },
    },
  });
  const pbRun = await db.playbookRun.create({
    data: {
      incidentId: incident.id,
      versionId: version.id,
      slug: "sandbox-escape",
      version: 1,
      contentHash: version.contentHash,
      definition: {},
    },
  });
  const approved = seed.approvedAtSecond === undefined ? 570 : seed.approvedAtSecond;
  await db.stepRun.create({
    data: {
      runId: pbRun.id,
      key: "approve-quarantine",
      kind: "approval",
      title: "Approve quarantining the plugin fleet-wide",
      role: "commander",
      status: approved === null ? "ready" : "done",
      readyAt: at(100),
      requestedAt: at(120),
      completedAt: approved === null ? null : at(approved),
      completedByName: approved === null ? null : dana.name,
    },
  });
  const req = await db.commandRequest.create({
    data: {
      type: "revoke_permissions",
      params: {},
      comment: "revoke",
      incidentId: incident.id,
      requestedByLabel: "Dana Reyes",
      requestedAt: at(200),
      hostCount: 3,
      approval: "not_required",
      drill: true,
    },
  });
  const outcomes = [
    { status: "succeeded" as const, succeededAt: at(230) },
    { status: "failed" as const, failedAt: at(240), failureReason: "simulated failure" },
    { status: "delivered" as const, deliveryCount: 2 },
  ];
  for (const [n, o] of outcomes.entries()) {
    const host = await createTestHost(db, `${seed.key.toLowerCase()}-drill-host-${n + 1}`);
    await db.host.update({ where: { id: host.id }, data: { simulated: true, drillRunId: run.id } });
    await db.command.create({
      data: {
        requestId: req.id,
        hostId: host.id,
        incidentId: incident.id,
        type: "revoke_permissions",
        params: {},
        ...o,
      },
    });
  }
  return { run, incident, facilitator, dana, at };
}
