import "server-only";
import crypto from "node:crypto";
import { type Actor, actorOfUser, SYSTEM } from "../audit/actor.ts";
import { ingestEvents } from "../events/ingest-events.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { createEnrollmentToken } from "../hosts/create-enrollment-token.ts";
import { enrollHost } from "../hosts/enroll-host.ts";
import { transitionIncident } from "../incidents/transition-incident.ts";
import { logger } from "../log.ts";
import { createUser } from "../users/create-user.ts";
import { backdateDemoIncident } from "./backdate-incident.ts";
import {
  DEMO_PLUGINS,
  DEMO_SCENARIOS,
  demoHostname,
  pluginsForHost,
  sha256Of,
} from "./demo-fleet.ts";

const MARKER = "demo-seeded";
const HOSTS = 40;

/**
 * `npm start -- --demo`: on an empty database, builds a realistic fleet and history through
 * the real use cases — enrolment with a real token, events through the real ingest (so
 * correlation, timelines and audit are genuine), transitions by demo users. Runs once: a
 * Counter row claims the seed, so a restart or a second instance never seeds twice.
 */
export async function seedDemo(db: PrismaClient, now = new Date()): Promise<boolean> {
  if ((await db.host.count()) > 0 || (await db.incident.count()) > 0) return false;
  const claimed = await db.$executeRawUnsafe(
    `INSERT INTO "Counter" ("name", "value") VALUES ($1, 1) ON CONFLICT ("name") DO NOTHING`,
    MARKER,
  );
  if (claimed === 0) return false;

  const users = await seedUsers(db);
  const token = await createEnrollmentToken(
    { label: "demo fleet", expiresInSeconds: 3600, maxUses: HOSTS },
    SYSTEM,
    db,
    now,
  );
  const hosts: { id: string; hostname: string }[] = [];
  for (let i = 0; i < HOSTS; i++) {
    const hostname = demoHostname(i);
    const r = await enrollHost(
      {
        enrollmentToken: token.token,
        hostname,
        os: i % 5 === 0 ? "macOS 15.1" : i % 3 === 0 ? "Ubuntu 24.04" : "Windows 11 23H2",
        agentVersion: i % 7 === 0 ? "1.3.2" : "1.4.0",
        plugins: pluginsForHost(i),
      },
      db,
      now,
    );
    hosts.push({ id: r.hostId, hostname });
  }

  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  for (const s of DEMO_SCENARIOS) {
    const p = DEMO_PLUGINS.find((x) => x.name === s.plugin);
    const plugin = p ? { name: p.name, version: p.version, sha256: sha256Of(p) } : undefined;
    let incidentKey: string | undefined;
    for (const [n, hostIndex] of s.hosts.entries()) {
      const events = s.types.map((type, k) => ({
        eventId: crypto.randomUUID(),
        type,
        observedAt: at(s.minutesAgo - n * s.spreadMinutes - k),
        ...(plugin ? { plugin } : {}),
        details: { ...s.details, pid: 4000 + hostIndex * 13 + k, sandbox: "renderer" },
      }));
      const r = await ingestEvents(hosts[hostIndex], { events }, { db });
      incidentKey ??= r.incidentIds[0];
    }
    if (!incidentKey) continue;
    for (const step of s.transitions) {
      const cur = await db.incident.findUniqueOrThrow({
        where: { id: incidentKey },
        select: { status: true },
      });
      await transitionIncident(
        incidentKey,
        { from: cur.status, to: step.to, ...(step.note ? { note: step.note } : {}) },
        users[step.by] ?? SYSTEM,
        db,
      );
    }
    for (const hostIndex of s.responses ?? []) {
      await ingestEvents(
        hosts[hostIndex],
        {
          events: [
            {
              eventId: crypto.randomUUID(),
              type: "containment_applied",
              observedAt: at(s.minutesAgo - 40),
              ...(plugin ? { plugin } : {}),
              details: { action: "revoke_permissions", permissions: ["fs.write", "net.outbound"] },
            },
          ],
        },
        { db },
      );
    }
    await backdateDemoIncident(db, incidentKey, now);
  }
  logger.info("demo data seeded", { hosts: HOSTS, incidents: await db.incident.count() });
  return true;
}

/** One user per role when nobody but an admin exists; passwords go to the log once. */
async function seedUsers(db: PrismaClient): Promise<Record<string, Actor>> {
  const existing = await db.user.findMany({ select: { role: true } });
  const actors: Record<string, Actor> = {};
  if (existing.some((u) => u.role !== "admin")) return actors;
  const roles = existing.some((u) => u.role === "admin")
    ? (["manager", "responder", "viewer"] as const)
    : (["admin", "manager", "responder", "viewer"] as const);
  for (const role of roles) {
    const password = crypto.randomBytes(12).toString("base64url");
    const email = `demo-${role}@breakwater.local`;
    const u = await createUser({ email, name: `Demo ${role}`, role, password }, SYSTEM, db);
    actors[role] = actorOfUser(u);
    // Printed once, on purpose: demo mode exists so someone can sign in right away.
    logger.info("demo user created", { email, role, password });
  }
  return actors;
}
