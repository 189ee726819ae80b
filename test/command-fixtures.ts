// Fixtures for the commands tests and benchmark: hosts seeded straight into the database with a
// known token (enrolment is tested by hosts), reference agents running the real command loop.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CommandLoopHooks, commandLoop } from "../agent/commands/command-loop.ts";
import { HostAgent } from "../agent/host-agent.ts";
import type { PrismaClient } from "../lib/generated/prisma/client.ts";
import { hashToken, newSecret } from "../lib/hosts/tokens.ts";
import type { ServerKey } from "../lib/protocol/hosts.ts";
import { listPublicServerKeys } from "../lib/signing/server-keys.ts";

export const USER_A = {
  type: "user" as const,
  id: "00000000-0000-4000-8000-00000000000a",
  label: "alice@example.test",
  role: "responder" as const,
};
export const USER_B = {
  type: "user" as const,
  id: "00000000-0000-4000-8000-00000000000b",
  label: "bob@example.test",
  role: "manager" as const,
};
export const ADMIN = {
  type: "user" as const,
  id: "00000000-0000-4000-8000-00000000000c",
  label: "root@example.test",
  role: "admin" as const,
};
export const FAST = { baseMs: 20, maxMs: 200 };

export async function seedHost(db: PrismaClient, hostname: string) {
  const token = newSecret("bwh");
  const h = await db.host.create({
    data: {
      hostname,
      os: "Ubuntu 24.04 LTS (x86_64)",
      agentVersion: "test",
      tokenHash: hashToken(token),
      simulated: true,
    },
    select: { id: true },
  });
  return { id: h.id, token, hostname };
}

/** A bare incident with a unique key, for commands that only need one to belong to. */
export async function seedIncident(db: PrismaClient) {
  const key = `INC-T-${crypto.randomBytes(4).toString("hex")}`;
  return db.incident.create({
    data: {
      key,
      title: "escape",
      severity: "high",
      correlationKey: key,
      detectedAt: new Date(),
      lastEventAt: new Date(),
    },
    select: { id: true },
  });
}

export function tmpDir(prefix = "bw-cmd-") {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes the credential an enrolment would have written, then opens and runs the agent: in a
 *  fresh state dir and pinning the keys the server publishes now unless told otherwise. */
export async function startAgent({
  stateDir = tmpDir(),
  ...o
}: {
  server: string;
  stateDir?: string;
  host: { id: string; token: string; hostname: string };
  serverKeys?: ServerKey[];
  hooks?: CommandLoopHooks;
}) {
  const serverKeys = o.serverKeys ?? (await listPublicServerKeys());
  fs.mkdirSync(stateDir, { recursive: true });
  const credFile = path.join(stateDir, "credential.json");
  if (!fs.existsSync(credFile)) {
    fs.writeFileSync(
      credFile,
      JSON.stringify({
        hostId: o.host.id,
        hostToken: o.host.token,
        serverKeys,
        pollSeconds: 30,
        maxBatchEvents: 500,
        server: o.server,
        enrolledAt: new Date().toISOString(),
      }),
      { mode: 0o600 },
    );
  }
  const agent = await HostAgent.open({
    server: o.server,
    stateDir,
    hostname: o.host.hostname,
    scenario: "quiet",
    backoff: FAST,
    requestTimeoutMs: 45_000,
    loops: [commandLoop({ waitSeconds: 5, ...(o.hooks ?? {}) })],
  });
  const ac = new AbortController();
  const done = agent.run(ac.signal, {}).catch((e) => e);
  return {
    agent,
    async stop() {
      ac.abort();
      await done;
      await agent.close();
    },
    done,
  };
}

export { commandLoop };
