import "server-only";
import { getCustodyReport } from "../artifacts/custody-report.ts";
import { type Db, getDb } from "../db/index.ts";
import { AppError } from "../errors/app-error.ts";
import { listFollowUps } from "../follow-ups/list-follow-ups.ts";
import { resolveIncidentRef } from "../incidents/resolve-incident-ref.ts";
import { incidentSummarySelect, incidentTransitionTimesSelect } from "../incidents/schemas.ts";
import { getContainmentCurve } from "../metrics/containment-curve.ts";
import { listIncidentMetrics } from "../metrics/list-incident-metrics.ts";
import { runSummarySelect, stepSummarySelect } from "../playbooks/schemas.ts";
import { stepSlaOutcome } from "./sla-outcome.ts";

export type AfterActionReport = Awaited<ReturnType<typeof getAfterActionReport>>;

/** The document a team sends after an incident, assembled from what the console recorded:
 *  nothing in it is typed up by hand except the notes and the follow-ups. */
export async function getAfterActionReport(ref: string, db?: Db, now = new Date()) {
  db ??= await getDb();
  const incident = await db.incident.findFirst({
    where: resolveIncidentRef(ref),
    select: {
      ...incidentSummarySelect,
      pluginName: true,
      pluginVersion: true,
      pluginSha256: true,
      drill: true,
      // A drill incident's report points at its run's report: the score lives there.
      drillRun: { select: { id: true, key: true, scenarioTitle: true } },
      detectedAt: true,
      openedAt: true,
      ...incidentTransitionTimesSelect,
      eventCount: true,
      hosts: {
        select: { host: { select: { hostname: true } }, firstSeenAt: true, eventCount: true },
        orderBy: { firstSeenAt: "asc" },
      },
      roles: { select: { key: true, label: true, userId: true, assignedAt: true } },
      playbookRuns: {
        orderBy: { startedAt: "asc" },
        select: {
          ...runSummarySelect,
          steps: {
            orderBy: { readyAt: { sort: "asc", nulls: "last" } },
            select: {
              ...stepSummarySelect,
              dueAt: true,
              breachedAt: true,
              escalationLevel: true,
              choice: true,
              note: true,
            },
          },
        },
      },
      commandRequests: {
        orderBy: { requestedAt: "asc" },
        select: {
          id: true,
          type: true,
          comment: true,
          requestedByLabel: true,
          requestedAt: true,
          approval: true,
          approvedByLabel: true,
          approvedAt: true,
          breakGlassReason: true,
          commands: {
            orderBy: { createdAt: "asc" },
            select: {
              id: true,
              status: true,
              host: { select: { hostname: true } },
              succeededAt: true,
              failedAt: true,
              expiredAt: true,
              failureReason: true,
              receipts: {
                orderBy: { at: "asc" },
                select: { status: true, at: true, reason: true },
              },
            },
          },
        },
      },
      timeline: {
        orderBy: [{ at: "asc" }, { id: "asc" }],
        take: 2000,
        select: { at: true, type: true, actorLabel: true, summary: true, details: true },
      },
    },
  });
  if (!incident) throw new AppError("not_found", `Incident ${ref} does not exist.`);
  const userIds = incident.roles.map((r) => r.userId).filter((x): x is string => !!x);
  const [metrics, curve, custody, followUps, users, people] = await Promise.all([
    listIncidentMetrics({ incidentId: incident.id }, db),
    getContainmentCurve({ incidentId: incident.id }, db),
    getCustodyReport(incident.id, db),
    listFollowUps({ incident: incident.id, status: "all" }, db, now),
    userIds.length
      ? db.user.findMany({
          where: { id: { in: userIds } },
          select: { id: true, name: true, email: true },
        })
      : Promise.resolve([]),
    // Who can own a follow-up.
    db.user.findMany({
      where: { status: "active", role: { in: ["admin", "manager", "responder"] } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const who = new Map(users.map((u) => [u.id, u]));
  const { timeline, playbookRuns, roles, ...rest } = incident;
  // Notes are what people wrote: comments and the notes given with transitions and decisions.
  const notes = timeline.filter(
    (t) =>
      t.type.includes("comment") ||
      (t.details &&
        typeof t.details === "object" &&
        "note" in t.details &&
        (t.details as { note?: unknown }).note),
  );
  return {
    generatedAt: now,
    incident: rest,
    metrics: metrics[0],
    curve,
    roles: roles.map((r) => ({
      ...r,
      holder: r.userId ? (who.get(r.userId)?.name ?? "(unknown user)") : null,
    })),
    playbooks: playbookRuns.map((run) => ({
      ...run,
      steps: run.steps.map((s) => ({ ...s, sla: stepSlaOutcome(s, now) })),
    })),
    commands: incident.commandRequests,
    artifacts: custody.artifacts.map((a) => ({
      id: a.id,
      filename: a.filename,
      kind: a.kind,
      sha256: a.sha256,
      sizeBytes: a.sizeBytes,
      status: a.status,
      hostname: a.hostname,
      chain: a.verification,
    })),
    allCustodyIntact: custody.allChainsIntact,
    timeline,
    notes,
    followUps: followUps.items,
    people,
  };
}
