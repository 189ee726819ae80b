// Fixtures for playbook integration tests: real incidents, users and published versions.
import crypto from "node:crypto";
import type { PrismaClient } from "../lib/generated/prisma/client.ts";

export async function createTestIncident(db: PrismaClient, over: { severity?: "low" | "medium" | "high" | "critical"; pluginName?: string } = {}) {
  const now = new Date();
  return db.incident.create({
    data: {
      key: `INC-T-${crypto.randomBytes(4).toString("hex")}`, title: "Test incident", severity: over.severity ?? "critical",
      correlationKey: `t:${crypto.randomUUID()}`, pluginName: over.pluginName ?? "acme-pdf", detectedAt: now, lastEventAt: now,
    },
    select: { id: true, severity: true, pluginName: true },
  });
}

export async function createTestUser(db: PrismaClient, role: "admin" | "manager" | "responder" | "viewer", name = `${role}-${crypto.randomBytes(3).toString("hex")}`) {
  const u = await db.user.create({ data: { email: `${name}@test.breakwater`, name, role }, select: { id: true, name: true, role: true } });
  return { ...u, actor: { type: "user" as const, id: u.id, label: u.name } };
}
