import "server-only";
import { z } from "zod";
import type { Db } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { stepSummarySelect } from "../playbooks/schemas.ts";
import type { ClockSegment } from "./drill-clock.ts";
import { expectedActionSchema } from "./scenario-schema.ts";
import type { DrillScoreInput } from "./score-drill.ts";

// The scenario as copied onto the run at its start: scoring reads that copy, never the file,
// so an edited file cannot rescore an old run.
const frozenScenario = z.object({ expected: z.array(expectedActionSchema) });
const clockSchema = z.array(
  z.object({ at: z.number(), elapsedMs: z.number(), speed: z.number().min(0) }),
);
const ms = (d: Date | null | undefined) => (d ? d.getTime() : null);

/** Reads a run's machine timestamps into the scorer's input (score-drill.ts). */
export async function loadScoreInput(db: Db, runId: string, now: Date): Promise<DrillScoreInput> {
  const run = await db.drillRun.findUnique({
    where: { id: runId },
    select: {
      scenario: true,
      clockSegments: true,
      endedAt: true,
      injects: { select: { spec: true, firedAt: true, status: true } },
      participants: { select: { role: true, user: { select: { name: true } } } },
      incidents: {
        orderBy: { openedAt: "asc" },
        select: {
          key: true,
          openedAt: true,
          acknowledgedAt: true,
          containedAt: true,
          containmentVerifiedAt: true,
          recoveredAt: true,
          roles: { select: { key: true, userId: true, assignedAt: true } },
          playbookRuns: {
            select: {
              steps: {
                select: { ...stepSummarySelect, requestedAt: true },
              },
            },
          },
          commandRequests: {
            orderBy: { requestedAt: "asc" },
            select: {
              type: true,
              requestedAt: true,
              requestedByLabel: true,
              approval: true,
              approvedAt: true,
              approvedByLabel: true,
              rejectedAt: true,
              commands: {
                select: {
                  status: true,
                  succeededAt: true,
                  failedAt: true,
                  expiredAt: true,
                  failureReason: true,
                  deliveryCount: true,
                  host: { select: { hostname: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  if (!run) throw new AppError("not_found", "No such drill run.");
  const scenario = frozenScenario.parse(run.scenario);
  const injectFiredAt: Record<string, number | null> = {};
  for (const inj of run.injects) {
    const id = (inj.spec as { id?: unknown } | null)?.id;
    if (typeof id === "string") injectFiredAt[id] = inj.status === "fired" ? ms(inj.firedAt) : null;
  }
  const people: Record<string, string> = {};
  for (const p of run.participants) people[p.role] ??= p.user.name;
  return {
    expected: scenario.expected,
    clock: clockSchema.parse(run.clockSegments) as ClockSegment[],
    endedAt: ms(run.endedAt),
    now: now.getTime(),
    injectFiredAt,
    evidence: {
      people,
      incidents: run.incidents.map((i) => ({
        key: i.key,
        openedAt: i.openedAt.getTime(),
        acknowledgedAt: ms(i.acknowledgedAt),
        containedAt: ms(i.containedAt),
        containmentVerifiedAt: ms(i.containmentVerifiedAt),
        recoveredAt: ms(i.recoveredAt),
        roles: i.roles.map((r) => ({ key: r.key, holder: r.userId, assignedAt: ms(r.assignedAt) })),
        steps: i.playbookRuns.flatMap((r) =>
          r.steps.map((s) => ({
            ...s,
            readyAt: ms(s.readyAt),
            requestedAt: ms(s.requestedAt),
            completedAt: ms(s.completedAt),
          })),
        ),
        requests: i.commandRequests.map((c) => ({
          type: c.type,
          requestedAt: c.requestedAt.getTime(),
          requestedByLabel: c.requestedByLabel,
          approval: c.approval,
          approvedAt: ms(c.approvedAt),
          approvedByLabel: c.approvedByLabel,
          rejectedAt: ms(c.rejectedAt),
          hosts: c.commands.map((h) => ({
            hostname: h.host.hostname,
            status: h.status,
            succeededAt: ms(h.succeededAt),
            failedAt: ms(h.failedAt),
            expiredAt: ms(h.expiredAt),
            failureReason: h.failureReason,
            deliveryCount: h.deliveryCount,
          })),
        })),
      })),
    },
  };
}
