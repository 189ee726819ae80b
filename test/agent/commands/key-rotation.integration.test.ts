// Which server keys the reference agent trusts. A server connection that hands it a key of its
// own (a plain-http hop, an intercepting proxy, a compromised front end) gets its command
// refused with no effect; a real rotation on the real server, endorsed by the pinned key, is
// followed — across two rotations, through a key that is no longer published.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_DATA_DIR = `/tmp/bw-keyrot-test-${process.pid}`;
});

import { issueCommand } from "../../../lib/commands/issue-command.ts";
import { dataDir } from "../../../lib/env.ts";
import { rotateSigningKey } from "../../../lib/key-rotation/rotate-signing-key.ts";
import { canonicalJson } from "../../../lib/protocol/canonical-json.ts";
import type { RefusalReason } from "../../../lib/protocol/envelope.ts";
import { signEndorsement } from "../../../lib/protocol/key-endorsement.ts";
import {
  getActiveSigningKey,
  listPublicServerKeys,
  listRetiredServerKeys,
} from "../../../lib/signing/server-keys.ts";
import { ADMIN, seedHost, startAgent, tmpDir, USER_A } from "../../command-fixtures.ts";
import { startCommandRouteServer } from "../../command-route-server.ts";
import { describeDb } from "../../db.ts";

async function until<T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end)
      throw new Error(`timed out; last value ${JSON.stringify(v)?.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const readJson = (dir: string, name: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));

/** Answers the agent's HTTP like a man in the middle: its own key, a command signed by it. */
async function startImpostor(hostId: string, pinnedKid: string) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url").toString(
    "base64url",
  );
  const kid = "bw-impostor";
  const now = Date.now();
  const payload = {
    v: 1,
    id: crypto.randomUUID(),
    hostId,
    type: "isolate_host",
    params: {},
    issuedAt: new Date(now).toISOString(),
    notBefore: new Date(now - 1000).toISOString(),
    expiresAt: new Date(now + 600_000).toISOString(),
    nonce: "n",
  };
  const envelope = {
    payload,
    kid,
    signature: crypto
      .sign(null, Buffer.from(canonicalJson(payload)), privateKey)
      .toString("base64url"),
  };
  // It even claims the pinned key endorsed it — a signature it can only make with its own key.
  const offered = { kid, alg: "Ed25519", publicKey: raw, notBefore: new Date(now).toISOString() };
  const forged = signEndorsement(offered, { kid: pinnedKid, key: privateKey });
  const seen = {
    receipts: [] as { id: string; body: { status: string; reason?: string } }[],
    events: [] as { type: string; details?: { reason?: string } }[],
    served: 0,
  };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : null;
    const url = (req.url ?? "").split("?")[0];
    const reply = (data: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(data));
    };
    if (url === "/api/agent/v1/commands") {
      if (seen.served++ === 0) return reply({ commands: [envelope] });
      return setTimeout(() => reply({ commands: [] }), 300);
    }
    if (url === "/api/agent/v1/server-keys")
      return reply({
        serverKeys: [
          { ...offered, endorsements: [forged] },
          { ...offered, kid: "bw-impostor-2", endorsements: [] },
        ],
        retiredKeys: [],
      });
    const receipt = /^\/api\/agent\/v1\/commands\/([^/]+)\/receipts$/.exec(url);
    if (receipt) {
      seen.receipts.push({ id: decodeURIComponent(receipt[1]), body });
      return reply({});
    }
    if (url === "/api/agent/v1/events") {
      seen.events.push(...(body?.events ?? []));
      return reply({ accepted: body?.events?.length ?? 0, duplicates: 0, incidentIds: [] });
    }
    reply({});
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    commandId: payload.id,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

describe("agent key trust against an impostor server", () => {
  afterAll(() => fs.rmSync(dataDir(), { recursive: true, force: true }));

  it("refuses an isolate_host signed by a key the server connection made up: no effect, rejected receipt, command_rejected event, pinned keys unchanged", async () => {
    const pinned = await listPublicServerKeys();
    const host = { id: crypto.randomUUID(), token: "bwh_unused", hostname: "ws-mitm" };
    const fake = await startImpostor(host.id, pinned[0].kid);
    const dir = tmpDir();
    const rejected: { id: string | null; reason: RefusalReason }[] = [];
    const a = await startAgent({
      server: fake.url,
      stateDir: dir,
      host,
      serverKeys: pinned,
      hooks: { onRejected: (e) => rejected.push(e) },
    });
    try {
      await until(
        () => fake.seen.receipts.length,
        (n) => n >= 1,
      );
      await until(
        () => fake.seen.events.filter((e) => e.type === "command_rejected").length,
        (n) => n >= 1,
      );
      expect(rejected).toEqual([{ id: fake.commandId, reason: "unknown_kid" }]);
      expect(fake.seen.receipts).toEqual([
        {
          id: fake.commandId,
          body: expect.objectContaining({
            status: "rejected",
            reason: expect.stringContaining("unknown_kid"),
          }),
        },
      ]);
      expect(fake.seen.events.find((e) => e.type === "command_rejected")!.details).toMatchObject({
        reason: "unknown_kid",
        kid: "bw-impostor",
      });
      // No effect on the simulated host: not isolated, nothing executed.
      const store = readJson(dir, "commands.json");
      expect(store.isolation.isolated).toBe(false);
      expect(store.executed).toEqual({});
      // The pinned keys are exactly the enrolment's, in memory and on disk.
      expect(a.agent.credential!.serverKeys).toEqual(pinned);
      expect(readJson(dir, "credential.json").serverKeys).toEqual(pinned);
    } finally {
      await a.stop();
      await fake.close();
    }
  });
});

describeDb("agent key trust across a real rotation", (t) => {
  afterAll(() => fs.rmSync(dataDir(), { recursive: true, force: true }));

  it("an agent that pinned key 1 follows two rotations (1 → 2 → 3, key 2 no longer published) and executes a command signed by key 3", async () => {
    const server = await startCommandRouteServer();
    const host = await seedHost(t.db, "ws-rotated");
    const active = (await getActiveSigningKey()).kid;
    const pinned = (await listPublicServerKeys())
      .filter((k) => k.kid === active)
      .map(({ kid, alg, publicKey }) => ({ kid, alg, publicKey }));
    // Two rotations long enough ago that key 1 and key 2 are past their publication windows.
    const day = 86_400_000;
    const two = await rotateSigningKey(ADMIN, { now: new Date(Date.now() - 2 * day) });
    const three = await rotateSigningKey(ADMIN, { now: new Date(Date.now() - day) });
    expect((await listPublicServerKeys()).map((k) => k.kid)).toEqual([three.kid]);
    expect((await listRetiredServerKeys()).map((k) => k.kid)).toEqual(
      expect.arrayContaining([active, two.kid]),
    );

    const dir = tmpDir();
    const a = await startAgent({ server: server.url, stateDir: dir, host, serverKeys: pinned });
    try {
      const r = await issueCommand(
        { type: "release_host", params: {}, hostIds: [host.id], comment: "after rotation" },
        USER_A,
      );
      const c = await until(
        () =>
          t.db.command.findUniqueOrThrow({
            where: { id: r.commandIds[0] },
            select: { status: true, kid: true, failureReason: true },
          }),
        (c) => c.status === "succeeded" || c.status === "failed",
      );
      expect(c).toMatchObject({ status: "succeeded", kid: three.kid });
      // Key 3 is pinned next to key 1; key 2 was only a link of the chain.
      expect(
        readJson(dir, "credential.json").serverKeys.map((k: { kid: string }) => k.kid),
      ).toEqual([active, three.kid]);
    } finally {
      await a.stop();
      await server.close();
    }
  }, 120_000);
});
