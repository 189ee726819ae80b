// Helpers for the hosts and agent integration tests: real route handlers, real database, no
// mocks. Kept in test/ because it imports app/ route handlers, which lib/ never does.

import { NextRequest } from "next/server";
import { POST as enrollRoute } from "../app/api/agent/v1/enroll/route.ts";
import { PUT as inventoryRoute } from "../app/api/agent/v1/inventory/route.ts";
import type { Actor } from "../lib/audit/actor.ts";
import { PEER_HEADER } from "../lib/auth/client-ip.ts";
import { createEnrollmentToken } from "../lib/hosts/create-enrollment-token.ts";

export const ADMIN: Actor = {
  type: "user",
  id: "00000000-0000-4000-8000-000000000001",
  label: "admin@example.test",
};

export const plugin = (over: Partial<Record<string, unknown>> = {}) => ({
  name: "clipboard-sync",
  version: "1.0.0",
  origin: "https://plugins.example.test/clipboard-sync",
  signer: "Example Corp",
  sha256: "a".repeat(64),
  permissions: ["clipboard.read", "net.fetch"],
  state: "active",
  ...over,
});

export async function newToken(maxUses = 5, expiresInSeconds = 3600, label = "test") {
  return createEnrollmentToken({ label, maxUses, expiresInSeconds }, ADMIN);
}

/** Calls the route as scripts/serve.mjs would hand it a request: the socket address in the
 *  peer header (the server flags its process so the header is believed). */
export function enroll(
  body: unknown,
  opts: { ip?: string; raw?: string; headers?: Record<string, string> } = {},
) {
  (globalThis as Record<symbol, unknown>)[Symbol.for("breakwater.peerHeader")] = PEER_HEADER;
  const req = new NextRequest("http://localhost/api/agent/v1/enroll", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [PEER_HEADER]: opts.ip ?? "10.0.0.1",
      ...(opts.headers ?? {}),
    },
    body: opts.raw ?? JSON.stringify(body),
  });
  return enrollRoute(req);
}

export function putInventory(
  body: unknown,
  token: string | null,
  opts: { raw?: string; headers?: Record<string, string> } = {},
) {
  const req = new NextRequest("http://localhost/api/agent/v1/inventory", {
    method: "PUT",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(opts.headers ?? {}),
    },
    body: opts.raw ?? JSON.stringify(body),
  });
  return inventoryRoute(req, { params: Promise.resolve({}) });
}

export async function enrollOk(token: string, hostname: string, plugins?: unknown[]) {
  const res = await enroll(
    {
      enrollmentToken: token,
      hostname,
      os: "Debian 13",
      agentVersion: "0.1.0",
      ...(plugins ? { plugins } : {}),
    },
    { ip: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
  );
  if (res.status !== 201) throw new Error(`enroll failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { hostId: string; hostToken: string };
}
