// Fixtures for playbook integration tests: real incidents, users and published versions.
import crypto from "node:crypto";
import type { PrismaClient } from "../lib/generated/prisma/client.ts";
import { assignIncidentRole } from "../lib/playbooks/incident-roles.ts";
import { startPlaybookRun } from "../lib/playbooks/start-playbook-run.ts";
import { syncPlaybookFiles } from "../lib/playbooks/sync-playbook-files.ts";
import { registerHandlers } from "../lib/server/register-handlers.ts";
import { createTestHost } from "./ingest-fixtures.ts";

/** sandbox-escape v1 as a bare row, for runs seeded straight into the database that only
 *  need a version to point at (no content, no definition). */
export const BARE_ESCAPE_VERSION = {
  slug: "sandbox-escape",
  version: 1,
  title: "Sandbox escape",
  contentHash: "x".repeat(64),
  content: "",
  definition: {},
  source: "file",
} as const;

export async function createTestIncident(
  db: PrismaClient,
  over: { severity?: "low" | "medium" | "high" | "critical"; pluginName?: string } = {},
) {
  const now = new Date();
  return db.incident.create({
    data: {
      key: `INC-T-${crypto.randomBytes(4).toString("hex")}`,
      title: "Test incident",
      severity: over.severity ?? "critical",
      correlationKey: `t:${crypto.randomUUID()}`,
      pluginName: over.pluginName ?? "acme-pdf",
      detectedAt: now,
      lastEventAt: now,
    },
    select: { id: true, severity: true, pluginName: true },
  });
}

export async function createTestUser(
  db: PrismaClient,
  role: "admin" | "manager" | "responder" | "viewer",
  name = `${role}-${crypto.randomBytes(3).toString("hex")}`,
) {
  const u = await db.user.create({
    data: { email: `${name}@test.breakwater`, name, role },
    select: { id: true, name: true, role: true },
  });
  return { ...u, actor: { type: "user" as const, id: u.id, label: u.name } };
}

/** A run of a shipped playbook on a fresh incident with one host, receipts wired to steps. */
export async function startRunWithHost(db: PrismaClient, slug: string) {
  registerHandlers();
  await syncPlaybookFiles({ db });
  const responder = await createTestUser(db, "responder");
  const host = await createTestHost(db);
  const inc = await createTestIncident(db, { pluginName: "acme-pdf" });
  await db.incidentHost.create({
    data: { incidentId: inc.id, hostId: host.id, firstSeenAt: new Date(), lastSeenAt: new Date() },
  });
  const { runId } = await startPlaybookRun({ incidentId: inc.id, slug, actor: responder.actor });
  const step = (key: string) =>
    db.stepRun.findUniqueOrThrow({ where: { runId_key: { runId, key } } });
  return { responder, host, inc, runId, step };
}

/** A run's step rows by step key. */
export async function stepsByKey(db: PrismaClient, runId: string) {
  return Object.fromEntries(
    (await db.stepRun.findMany({ where: { runId } })).map((s) => [s.key, s]),
  );
}

type Person = Awaited<ReturnType<typeof createTestUser>>;

/** The shipped sandbox-escape playbook started by `commander` on an incident at `now`, and
 *  `commander` made its incident commander by `assignedBy` (themselves unless said). */
export async function startEscapeRunWithCommander(p: {
  incidentId: string;
  commander: Person;
  assignedBy?: Person;
  now: Date;
}) {
  const run = await startPlaybookRun({
    incidentId: p.incidentId,
    slug: "sandbox-escape",
    actor: p.commander.actor,
    now: p.now,
  });
  await assignIncidentRole({
    incidentId: p.incidentId,
    key: "commander",
    userId: p.commander.id,
    actor: (p.assignedBy ?? p.commander).actor,
  });
  return run;
}
