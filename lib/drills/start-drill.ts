import "server-only";
import crypto from "node:crypto";
import type { Actor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { hashToken, newSecret } from "../hosts/tokens.ts";
import { instanceId } from "../instance-id.ts";
import { appendDrillTimeline } from "./append-drill-timeline.ts";
import { startClock } from "./drill-clock.ts";
import { openDrillFleet, startFleetAgents, stopDrillFleet } from "./drill-fleet.ts";
import { scheduleDrillTick } from "./drill-timers.ts";
import { getDrillRun } from "./get-drill-run.ts";
import { readScenarioFiles } from "./scenario-files.ts";
import { startDrillInput } from "./schemas.ts";
import type { DrillRunView } from "./views.ts";

/** The drill's own run key, DRL-YYYY-NNNN, from the same Counter table as incident keys. */
async function allocateDrillKey(tx: Tx, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const rows = await tx.$queryRawUnsafe<{ value: number }[]>(
    `INSERT INTO "Counter" ("name", "value") VALUES ($1, 1) ON CONFLICT ("name") DO UPDATE SET "value" = "Counter"."value" + 1 RETURNING "value"`,
    `drill-key:${year}`,
  );
  return `DRL-${year}-${String(Number(rows[0].value)).padStart(4, "0")}`;
}

/**
 * POST /drills: starts a run of a scenario file. In one transaction: the run (scenario copied
 * with its hash, the clock started), its participants (active users, the scenario's roles or
 * "facilitator"), one DrillInject per scenario inject, the enrollment token its fleet enrols
 * with (every host it enrols is that run's simulated host), the inject driver's timer, the
 * timeline entry and the audit entry. After the commit the fleet starts in this process.
 */
export async function startDrill(
  raw: unknown,
  actor: Actor,
  db?: Db,
  opts: { now?: Date; pollWaitSeconds?: number; playbooksDir?: string } = {},
): Promise<DrillRunView> {
  const input = parseInput(startDrillInput, raw, "Invalid drill.");
  const file = readScenarioFiles(opts.playbooksDir).find((f) => f.slug === input.scenario);
  if (!file)
    throw new AppError("invalid_input", `No drill scenario "${input.scenario}".`, {
      errors: [{ path: "scenario", message: "no such scenario" }],
    });
  if (!file.scenario)
    throw new AppError("invalid_input", `Scenario "${input.scenario}" does not validate.`, {
      errors: file.issues.map((i) => ({ path: `scenario:${i.path}`, message: i.message })),
    });
  const scenario = file.scenario;
  const roles = new Set([...scenario.roles.map((r) => r.key), "facilitator"]);
  input.participants.forEach((p, i) => {
    if (!roles.has(p.role))
      throw new AppError("invalid_input", `"${p.role}" is not a role of this scenario.`, {
        errors: [{ path: `participants.${i}.role`, message: `one of ${[...roles].join(", ")}` }],
      });
  });
  const now = opts.now ?? new Date();
  const enrollmentToken = newSecret("bwe");
  const runId = crypto.randomUUID();
  await openDrillFleet(runId, scenario, enrollmentToken, { pollWaitSeconds: opts.pollWaitSeconds });
  try {
    await inTransaction(db, async (tx) => {
      const ids = [...new Set(input.participants.map((p) => p.userId))];
      const users = await tx.user.findMany({
        where: { id: { in: ids }, status: "active" },
        select: { id: true, role: true },
      });
      const found = new Map(users.map((u) => [u.id, u.role]));
      input.participants.forEach((p, i) => {
        if (!found.has(p.userId))
          throw new AppError("invalid_input", "A participant does not exist or is disabled.", {
            errors: [{ path: `participants.${i}.userId`, message: "unknown or disabled user" }],
          });
        // They will hold the incident role, and viewers cannot (incident-roles.ts).
        if (p.role !== "facilitator" && found.get(p.userId) === "viewer")
          throw new AppError("invalid_input", "Viewers cannot play an incident role.", {
            errors: [
              { path: `participants.${i}.userId`, message: "viewers cannot hold incident roles" },
            ],
          });
      });
      const key = await allocateDrillKey(tx, now);
      const segments = startClock(now.getTime(), input.speed);
      const run = await tx.drillRun.create({
        data: {
          id: runId,
          key,
          scenarioSlug: scenario.slug,
          scenarioTitle: scenario.title,
          scenarioHash: file.contentHash,
          scenario: scenario as unknown as Prisma.InputJsonValue,
          speed: input.speed,
          anchorAt: now,
          anchorElapsedMs: 0,
          clockSegments: segments as unknown as Prisma.InputJsonValue,
          startedAt: now,
          startedById: actor.type === "user" ? actor.id : "system",
          startedByLabel: actor.label,
          // The fleet opened above lives in this process: this instance owns the run.
          ownerInstance: instanceId(),
          ownerSeenAt: new Date(),
        },
        select: { id: true },
      });
      if (input.participants.length)
        await tx.drillParticipant.createMany({
          data: input.participants.map((p) => ({
            drillRunId: run.id,
            userId: p.userId,
            role: p.role,
          })),
          skipDuplicates: true,
        });
      await tx.drillInject.createMany({
        data: scenario.injects.map((inj, index) => ({
          drillRunId: run.id,
          index,
          atSeconds: inj.at,
          kind: inj.kind,
          spec: inj as unknown as Prisma.InputJsonValue,
        })),
      });
      await tx.enrollmentToken.create({
        data: {
          label: `drill ${key}`,
          tokenHash: hashToken(enrollmentToken),
          // Long enough for a slow fleet to enrol; nobody but the fleet ever sees the token.
          expiresAt: new Date(now.getTime() + 15 * 60_000),
          maxUses: scenario.fleet.hosts,
          createdById: actor.type === "user" ? actor.id : null,
          drillRunId: run.id,
        },
      });
      await scheduleDrillTick(tx, {
        id: run.id,
        segments,
        durationSeconds: scenario.durationSeconds,
      });
      await appendDrillTimeline(tx, {
        drillRunId: run.id,
        at: now,
        elapsedMs: 0,
        type: "drill.started",
        actor,
        summary: `${actor.label} started ${key}: ${scenario.title} (×${input.speed}, ${scenario.fleet.hosts} simulated hosts)`,
        details: { scenario: scenario.slug, hash: file.contentHash, speed: input.speed },
      });
      await appendAudit(tx, {
        actor,
        action: "drill.started",
        target: { type: "drill_run", id: run.id },
        details: {
          key,
          scenario: scenario.slug,
          scenarioHash: file.contentHash,
          speed: input.speed,
          participants: input.participants,
        },
      });
    });
  } catch (e) {
    await stopDrillFleet(runId);
    throw e;
  }
  startFleetAgents(runId);
  // Whoever may start a drill may control it (both are drills:run).
  return (await getDrillRun(runId, { canControl: true }, db))!;
}
