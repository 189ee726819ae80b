// The "agent" column of the matrix: a real host token when the hosts capability exists in
// this tree (enrollment token from the admin API, then POST /api/agent/v1/enroll), otherwise
// a well-formed token no host owns. Which one was used is reported, never silently assumed.

import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect } from "@playwright/test";
import { createUploadHeaders, patchUploadHeaders } from "../../agent/upload-artifact.ts";
import { adminApi } from "./factories.ts";
import { apiContext, baseURL } from "./session.ts";

export type AgentCredential = { token: string; enrolled: boolean; note: string };

const ENROLL_ROUTE = "app/api/agent/v1/enroll/route.ts";

/** The admin route that mints enrollment tokens, wherever the hosts capability put it. */
function enrollmentTokenRoute(root: string): string | null {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts" && path.basename(dir) === "enrollment-tokens") found.push(p);
    }
  };
  const api = path.join(root, "app/api/v1");
  if (fs.existsSync(api)) walk(api);
  if (!found.length) return null;
  return (
    "/" + path.relative(path.join(root, "app"), path.dirname(found[0])).split(path.sep).join("/")
  );
}

export async function agentCredential(
  admin: APIRequestContext,
  root = process.cwd(),
): Promise<AgentCredential> {
  const tokenRoute = enrollmentTokenRoute(root);
  if (!fs.existsSync(path.join(root, ENROLL_ROUTE)) || !tokenRoute) {
    return {
      token: `bwh_${crypto.randomBytes(32).toString("base64url")}`,
      enrolled: false,
      note: "no enrollment routes in this tree: agent = a well-formed host token that no host owns",
    };
  }
  const minted = await admin.post(tokenRoute, {
    data: { label: "e2e matrix", expiresInSeconds: 600, maxUses: 1 },
  });
  if (minted.status() !== 201)
    throw new Error(`POST ${tokenRoute} answered ${minted.status()}: ${await minted.text()}`);
  const { token } = (await minted.json()) as { token: string };
  // The host has no session: enrol from a context without the admin's cookie.
  const host = await apiContext();
  const enrolled = await host.post("/api/agent/v1/enroll", {
    data: {
      enrollmentToken: token,
      hostname: `e2e-matrix-${crypto.randomBytes(3).toString("hex")}`,
      os: "linux",
      agentVersion: "e2e",
    },
  });
  const body = await enrolled.text();
  await host.dispose();
  if (enrolled.status() !== 201)
    throw new Error(`POST /api/agent/v1/enroll answered ${enrolled.status()}: ${body}`);
  const { hostToken } = JSON.parse(body) as { hostToken: string };
  return {
    token: hostToken,
    enrolled: true,
    note: `enrolled a host through ${tokenRoute} and /api/agent/v1/enroll`,
  };
}

type Plugin = { name: string; version: string; sha256: string };

/** A freshly enrolled host reports `events(plugin)` about a fresh plugin named
 *  `<prefix>-<random>`; returns the id of the first incident the batch opened. */
export async function reportFromNewHost(
  prefix: string,
  events: (plugin: Plugin) => object[],
): Promise<string> {
  const admin = await adminApi();
  const cred = await agentCredential(admin);
  // Enrollment exists now: a missing real host credential is a failure, not a reason to skip.
  expect(cred.enrolled, cred.note).toBe(true);
  const host = await apiContext({
    baseURL: baseURL(),
    extraHTTPHeaders: { authorization: `Bearer ${cred.token}` },
  });
  const plugin = {
    name: `${prefix}-${crypto.randomBytes(3).toString("hex")}`,
    version: "1.0.0",
    sha256: crypto.randomBytes(32).toString("hex"),
  };
  const res = await host.post("/api/agent/v1/events", { data: { events: events(plugin) } });
  expect(res.status(), await res.text()).toBe(200);
  const { incidentIds } = (await res.json()) as { incidentIds: string[] };
  await host.dispose();
  return incidentIds[0];
}

/** A real host reports a critical sandbox escape of a fresh plugin; returns the incident id it opened. */
export function openIncidentFromAgent(): Promise<string> {
  return reportFromNewHost("e2e-escape", (plugin) => [
    {
      eventId: crypto.randomUUID(),
      type: "sandbox_escape_attempt",
      severity: "critical",
      observedAt: new Date().toISOString(),
      plugin,
    },
  ]);
}

/** The host holding `token` reports a high-severity sandbox escape of a fresh plugin named
 *  `<prefix>-<random>`; returns the incident the report opened. */
export async function incidentFromEscape(
  token: string,
  prefix: string,
): Promise<{ id: string; key: string }> {
  const res = await fetch(`${baseURL()}/api/agent/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      events: [
        {
          eventId: crypto.randomUUID(),
          type: "sandbox_escape_attempt",
          observedAt: new Date().toISOString(),
          severity: "high",
          plugin: { name: `${prefix}-${crypto.randomBytes(3).toString("hex")}`, version: "1.0.0" },
        },
      ],
    }),
  });
  expect(res.status).toBe(200);
  const id = ((await res.json()) as { incidentIds: string[] }).incidentIds[0];
  const admin = await adminApi();
  const inc = await admin.get(`/api/v1/incidents/${id}`);
  return { id, key: ((await inc.json()) as { incident: { key: string } }).incident.key };
}

/** The tus create request for a process dump of `size` bytes, with the agent's own headers. */
export function createDumpUpload(
  token: string,
  size: number,
  meta: { filename: string; sha256: string; incidentId: string },
) {
  return fetch(`${baseURL()}/api/agent/v1/artifacts`, {
    method: "POST",
    headers: createUploadHeaders(token, size, { kind: "process_dump", ...meta }),
  });
}

/** All `size` bytes of an upload in one PATCH to where `created` (its create answer) points. */
export function patchWholeUpload(token: string, created: Response, body: BodyInit, size: number) {
  return fetch(new URL(created.headers.get("location")!, baseURL()), {
    method: "PATCH",
    headers: patchUploadHeaders(token, 0, size),
    body,
    // Node's fetch streams a request body only in half-duplex mode.
    ...({ duplex: "half" } as object),
  });
}
