import "server-only";
import { type Actor, SYSTEM } from "../audit/actor.ts";
import type { Db } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../errors/parse-input.ts";
import { findIncidentIdOrThrow } from "../incidents/find-incident-id-or-throw.ts";
import { advanceRun, lockRun } from "./advance-run.ts";
import { matchesTrigger, type PlaybookDefinition } from "./definition.ts";
import { ensureIncidentRoles } from "./incident-roles.ts";
import { recordPlaybookEvent } from "./record.ts";
import { startRunInput } from "./schemas.ts";

/** The newest published version of every playbook. */
export async function latestVersions(db: Tx | Db) {
  const all = await db.playbookVersion.findMany({
    orderBy: [{ slug: "asc" }, { version: "desc" }],
    select: { id: true, slug: true, version: true, definition: true },
  });
  const seen = new Set<string>();
  return all.filter((v) => !seen.has(v.slug) && seen.add(v.slug));
}

/**
 * Starts a playbook on an incident, freezing the exact version, its content hash and its
 * definition onto the run: publishing a later version never changes this run.
 */
type StartInput = { incidentId: string; slug: string; version?: number; actor: Actor; now?: Date };

/** POST /incidents/{ref}/playbook: `body` is the raw { slug, version? }. */
export async function startPlaybookRunFromBody(ref: string, body: unknown, actor: Actor) {
  const input = parseInput(startRunInput, body);
  const inc = await findIncidentIdOrThrow(ref);
  return startPlaybookRun({ incidentId: inc.id, ...input, actor });
}

export async function startPlaybookRun(input: StartInput, db?: Db) {
  return inTransaction(db, (tx) => startPlaybookRunTx(tx, input));
}

/** Same, inside the caller's transaction (incident creation, tests). */
export async function startPlaybookRunTx(tx: Tx, input: StartInput) {
  {
    const now = input.now ?? new Date();
    const incident = await tx.incident.findUnique({
      where: { id: input.incidentId },
      select: { id: true, status: true },
    });
    if (!incident) throw new AppError("not_found", "No such incident.");
    if (incident.status === "closed")
      throw new AppError(
        "conflict",
        "The incident is closed; reopen it before starting a playbook.",
      );
    const version = input.version
      ? await tx.playbookVersion.findUnique({
          where: { slug_version: { slug: input.slug, version: input.version } },
        })
      : await tx.playbookVersion.findFirst({
          where: { slug: input.slug },
          orderBy: { version: "desc" },
        });
    if (!version)
      throw new AppError(
        "not_found",
        `No published playbook "${input.slug}"${input.version ? ` v${input.version}` : ""}.`,
      );
    const existing = await tx.playbookRun.findUnique({
      where: { incidentId_slug: { incidentId: input.incidentId, slug: input.slug } },
      select: { id: true },
    });
    if (existing)
      throw new AppError(
        "conflict",
        `Playbook "${input.slug}" is already running on this incident.`,
      );
    const def = version.definition as unknown as PlaybookDefinition;
    const run = await tx.playbookRun.create({
      data: {
        incidentId: input.incidentId,
        versionId: version.id,
        slug: version.slug,
        version: version.version,
        contentHash: version.contentHash,
        definition: version.definition as never,
        startedById: input.actor.type === "user" ? input.actor.id : null,
        startedAt: now,
      },
      select: { id: true },
    });
    await tx.stepRun.createMany({
      data: def.steps.map((s) => ({
        runId: run.id,
        key: s.id,
        kind: s.kind,
        title: s.title,
        role: s.role ?? null,
        checklist:
          s.kind === "task" ? s.checklist.map((item) => ({ item, done: false })) : undefined,
      })),
    });
    await ensureIncidentRoles(tx, input.incidentId, def.roles);
    await recordPlaybookEvent(tx, {
      incidentId: input.incidentId,
      actor: input.actor,
      type: "playbook.run_started",
      summary: `Playbook started: ${version.title} v${version.version}`,
      target: { type: "playbook_run", id: run.id },
      details: { slug: version.slug, version: version.version, contentHash: version.contentHash },
    });
    await lockRun(tx, run.id);
    await advanceRun(tx, run.id, now, input.actor);
    return {
      runId: run.id,
      slug: version.slug,
      version: version.version,
      contentHash: version.contentHash,
    };
  }
}

/**
 * Called from incident creation, inside its transaction: starts the latest published version
 * of every playbook whose trigger matches the event that opened the incident.
 */
export async function startMatchingPlaybooks(
  tx: Tx,
  incident: { id: string; severity: string; pluginName?: string | null },
  event: { type: string },
  now = new Date(),
) {
  await ensureIncidentRoles(tx, incident.id, []);
  const started: string[] = [];
  for (const v of await latestVersions(tx)) {
    if (
      !matchesTrigger(v.definition as unknown as PlaybookDefinition, {
        type: event.type,
        severity: incident.severity,
        pluginName: incident.pluginName,
      })
    )
      continue;
    await startPlaybookRunTx(tx, {
      incidentId: incident.id,
      slug: v.slug,
      version: v.version,
      actor: SYSTEM,
      now,
    });
    started.push(v.slug);
  }
  return started;
}
