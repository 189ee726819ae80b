// Fixtures for ingest/incident integration tests: real hosts with real tokens, and events
// posted through the real route handler, so auth, limits and error mapping are exercised.
import crypto from "node:crypto";
import type { Prisma, PrismaClient } from "../lib/generated/prisma/client.ts";
import { hashToken, newSecret } from "../lib/hosts/tokens.ts";

/** A host with a real token, as enrollment would leave it; `more` adds to the row (its plugins). */
export async function createTestHost(
  db: PrismaClient,
  hostname = `host-${crypto.randomBytes(3).toString("hex")}`,
  more: Omit<Prisma.HostCreateInput, "hostname" | "os" | "agentVersion" | "tokenHash"> = {},
) {
  const token = newSecret("bwh");
  const host = await db.host.create({
    data: { hostname, os: "linux", agentVersion: "1.0.0", tokenHash: hashToken(token), ...more },
    select: { id: true, hostname: true },
  });
  return { ...host, token };
}

export type TestEvent = {
  eventId: string;
  type: string;
  observedAt: string;
  severity?: string;
  plugin?: { name: string; version: string; sha256?: string };
  details?: Record<string, unknown>;
};

export const acme = { name: "acme-pdf", version: "2.3.1", sha256: "a".repeat(64) };

export function ev(over: Partial<TestEvent> = {}): TestEvent {
  return {
    eventId: crypto.randomUUID(),
    type: "sandbox_escape_attempt",
    observedAt: new Date().toISOString(),
    plugin: acme,
    ...over,
  };
}

export function agentRequest(
  url: string,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
