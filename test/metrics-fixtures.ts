// Incidents with hand-picked machine timestamps, written straight into the database so the
// metrics tests know every figure in advance (the use cases that normally write these rows
// are tested on their own).
import crypto from "node:crypto";
import type { PrismaClient } from "../lib/generated/prisma/client.ts";
import { createTestHost } from "./ingest-fixtures.ts";
import { BARE_ESCAPE_VERSION } from "./playbook-fixtures.ts";

export const T0 = new Date("2026-11-02T12:00:00Z");
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
const DAY = 86_400;

type Spec = {
  key: string;
  openedAt: Date;
  observedBefore: number;
  ackAfter?: number;
  containedAfter?: number;
  verifiedAfter?: number;
  recoveredAfter?: number[];
  reopenedAfter?: number;
  drill?: boolean;
  plugin?: string;
  /** Per affected host: a containment command and when it succeeded (null = still queued). */
  hosts: ({
    type: "revoke_permissions" | "isolate_host";
    succeededAfter: number | null;
    rejected?: boolean;
  } | null)[];
  breach?: boolean;
};

export const SPECS: Spec[] = [
  {
    key: "INC-2026-0901",
    openedAt: T0,
    observedBefore: 60,
    ackAfter: 120,
    verifiedAfter: 600,
    recoveredAfter: [3600],
    hosts: [
      { type: "revoke_permissions", succeededAfter: 300 },
      { type: "revoke_permissions", succeededAfter: 600 },
    ],
    breach: true,
  },
  {
    key: "INC-2026-0902",
    openedAt: at(T0, DAY),
    observedBefore: 30,
    ackAfter: 300,
    verifiedAfter: 1200,
    recoveredAfter: [7200, 20_000],
    reopenedAfter: 9000,
    hosts: [{ type: "isolate_host", succeededAfter: 1200 }],
  },
  {
    key: "INC-2026-0903",
    openedAt: at(T0, 2 * DAY),
    observedBefore: 90,
    ackAfter: 60,
    containedAfter: 900,
    hosts: [null],
    plugin: "other-plugin",
  },
  {
    key: "INC-2026-0904",
    openedAt: at(T0, 3 * DAY),
    observedBefore: 30,
    hosts: [{ type: "revoke_permissions", succeededAfter: null, rejected: true }],
  },
  {
    key: "INC-2026-0905",
    openedAt: at(T0, DAY + 60),
    observedBefore: 5,
    ackAfter: 5,
    containedAfter: 10,
    recoveredAfter: [20],
    drill: true,
    hosts: [null],
  },
];

/** Expected figures of the four real incidents above, computed by hand (R-7 percentiles). */
export const EXPECTED = {
  mttd: { count: 4, p50: 45, p90: 81, mean: 52.5 },
  mtta: { count: 3, p50: 120, p90: 264, mean: 160 },
  mttc: { count: 3, p50: 900, p90: 1140, mean: 900 },
  mttr: { count: 2, p50: 5400, p90: 6840, mean: 5400 },
};

export async function seedMetricsIncidents(db: PrismaClient) {
  const version = await db.playbookVersion.create({ data: BARE_ESCAPE_VERSION });
  for (const s of SPECS) {
    const o = s.openedAt;
    const inc = await db.incident.create({
      data: {
        key: s.key,
        title: `Sandbox escape — ${s.plugin ?? "acme-pdf"}`,
        severity: "high",
        correlationKey: s.key,
        pluginName: s.plugin ?? "acme-pdf",
        detectedAt: at(o, -s.observedBefore),
        openedAt: o,
        lastEventAt: o,
        drill: s.drill ?? false,
        status: s.reopenedAfter
          ? "recovered"
          : s.recoveredAfter
            ? "recovered"
            : s.containedAfter || s.verifiedAfter
              ? "contained"
              : s.ackAfter
                ? "acknowledged"
                : "open",
        acknowledgedAt: s.ackAfter !== undefined ? at(o, s.ackAfter) : null,
        containedAt: s.containedAfter !== undefined ? at(o, s.containedAfter) : null,
        containmentVerifiedAt: s.verifiedAfter !== undefined ? at(o, s.verifiedAfter) : null,
        recoveredAt: s.recoveredAfter ? at(o, s.recoveredAfter.at(-1)!) : null,
      },
    });
    const timeline = [
      ...(s.recoveredAfter ?? []).map((t) => ({ t, type: "status.recovered" })),
      ...(s.reopenedAfter ? [{ t: s.reopenedAfter, type: "status.open" }] : []),
    ];
    for (const e of timeline) {
      await db.timelineEntry.create({
        data: {
          incidentId: inc.id,
          at: at(o, e.t),
          type: e.type,
          actorType: "user",
          actorLabel: "Alice",
          source: "console",
          summary: e.type,
        },
      });
    }
    const run = await db.playbookRun.create({
      data: {
        incidentId: inc.id,
        versionId: version.id,
        slug: "sandbox-escape",
        version: 1,
        contentHash: version.contentHash,
        definition: {},
      },
    });
    await db.stepRun.create({
      data: {
        runId: run.id,
        key: "triage",
        kind: "task",
        title: "Triage",
        status: "done",
        breachedAt: s.breach ? at(o, 900) : null,
        escalationLevel: s.breach ? 1 : 0,
      },
    });
    for (const [i, h] of s.hosts.entries()) {
      const host = await createTestHost(db, `${s.key.toLowerCase()}-h${i}`);
      await db.incidentHost.create({
        data: {
          incidentId: inc.id,
          hostId: host.id,
          firstSeenAt: at(o, -s.observedBefore),
          lastSeenAt: o,
        },
      });
      await db.event.create({
        data: {
          hostId: host.id,
          eventId: crypto.randomUUID(),
          type: "sandbox_escape_attempt",
          observedAt: at(o, -s.observedBefore + i),
          severity: "high",
          contentHash: crypto.randomUUID(),
          incidentId: inc.id,
        },
      });
      if (!h) continue;
      const req = await db.commandRequest.create({
        data: {
          type: h.type,
          params: {},
          comment: "contain",
          incidentId: inc.id,
          requestedByLabel: "Alice",
          hostCount: 1,
          approval: "not_required",
        },
      });
      const status = h.succeededAfter !== null ? "succeeded" : h.rejected ? "failed" : "queued";
      const cmd = await db.command.create({
        data: {
          requestId: req.id,
          hostId: host.id,
          incidentId: inc.id,
          type: h.type,
          params: {},
          status,
          succeededAt: h.succeededAfter !== null ? at(o, h.succeededAfter) : null,
          failedAt: h.rejected ? at(o, 100) : null,
        },
      });
      if (h.rejected)
        await db.commandReceipt.create({
          data: { commandId: cmd.id, status: "rejected", at: at(o, 100), reason: "unknown kid" },
        });
    }
  }
}

export const FIXTURE_RANGE = {
  range: "custom",
  from: "2026-11-01T00:00:00Z",
  to: "2026-11-08T00:00:00Z",
  tz: "UTC",
};
