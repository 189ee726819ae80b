// The reference agent against forged, misdirected, out-of-window and replayed commands (each
// refused with a `rejected` receipt and a `command_rejected` event, no effect), and a fleet
// revoke across 200 simulated hosts — real route handlers over HTTP, real agents, no mocks.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_DATA_DIR = `/tmp/bw-cmdloop-test-${process.pid}`;
});

import { approveCommandRequest } from "../../../lib/commands/approve-command-request.ts";
import { issueCommand } from "../../../lib/commands/issue-command.ts";
import { canonicalJson } from "../../../lib/protocol/canonical-json.ts";
import type { RefusalReason } from "../../../lib/protocol/envelope.ts";
import { getActiveSigningKey, listPublicServerKeys } from "../../../lib/signing/server-keys.ts";
import { seedHost, startAgent, tmpDir, USER_A, USER_B } from "../../command-fixtures.ts";
import { describeDb } from "../../db.ts";
import { testEnv } from "../../env.ts";
import { serveCommandRoutes } from "../../serve-command-routes.ts";

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    // The test harness pool (4 connections) is shared with 200 agents' traffic: a pool wait
    // timeout on an observation query is retried, not a failure of the system under test.
    const v = await fn().catch(() => undefined as T);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() > end)
      throw new Error(`timed out; last value ${JSON.stringify(v)?.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Payload = Record<string, unknown> & { id: string };

describeDb("reference agent commands", (t) => {
  const server = serveCommandRoutes();

  async function signWith(payload: Payload, key?: crypto.KeyObject) {
    const k = key ?? (await getActiveSigningKey()).key;
    return crypto.sign(null, Buffer.from(canonicalJson(payload)), k).toString("base64url");
  }

  it("refuses forged signature, unknown kid, another host's, not-yet-valid, expired and replayed commands — no effect, rejected receipt, command_rejected event", async () => {
    const host = await seedHost(t.db, "ws-forged");
    const other = await seedHost(t.db, "ws-other");
    const dir = tmpDir();
    const keys = await listPublicServerKeys();
    const rejected: { id: string | null; reason: RefusalReason }[] = [];
    let a = await startAgent({ server: server.url, stateDir: dir, host, serverKeys: keys });
    const plugin = a.agent.inventory.find((p) => p.permissions.length >= 2)!;
    const [p1, p2] = plugin.permissions;
    const revoke = (perm: string) =>
      issueCommand(
        {
          type: "revoke_permissions",
          params: { plugin: { name: plugin.name }, permissions: [perm] },
          hostIds: [host.id],
          comment: "test",
        },
        USER_A,
      );
    // A legitimate command first: executed once, remembered across the restart below.
    const legit = await revoke(p1);
    await until(
      () =>
        t.db.command.findUniqueOrThrow({
          where: { id: legit.commandIds[0] },
          select: { status: true },
        }),
      (c) => c.status === "succeeded",
    );
    await a.stop();

    const tamper = async (
      mutate: (p: Payload) => Promise<{ payload: Payload; kid?: string; signature?: string }>,
    ) => {
      const r = await revoke(p2);
      const row = await t.db.command.findUniqueOrThrow({
        where: { id: r.commandIds[0] },
        select: { payload: true, kid: true, signature: true },
      });
      const m = await mutate(structuredClone(row.payload as Payload));
      await t.db.command.update({
        where: { id: r.commandIds[0] },
        data: {
          payload: m.payload as never,
          kid: m.kid ?? row.kid,
          signature: m.signature ?? row.signature,
        },
      });
      return r.commandIds[0];
    };
    const future = new Date(Date.now() + 3600_000).toISOString();
    const past = new Date(Date.now() - 60_000).toISOString();
    const ids = {
      bad_signature: await tamper(async (p) => ({
        payload: { ...p, params: { ...(p.params as object), permissions: "all" } },
      })),
      unknown_kid: await tamper(async (p) => ({
        payload: p,
        kid: "bw-not-a-server-key",
        signature: await signWith(p, crypto.generateKeyPairSync("ed25519").privateKey),
      })),
      wrong_host: await tamper(async (p) => {
        const q = { ...p, hostId: other.id };
        return { payload: q, signature: await signWith(q) };
      }),
      not_yet_valid: await tamper(async (p) => {
        const q = {
          ...p,
          notBefore: future,
          expiresAt: new Date(Date.now() + 7200_000).toISOString(),
        };
        return { payload: q, signature: await signWith(q) };
      }),
      expired: await tamper(async (p) => {
        const q = {
          ...p,
          issuedAt: new Date(Date.now() - 3600_000).toISOString(),
          notBefore: new Date(Date.now() - 3600_000).toISOString(),
          expiresAt: past,
        };
        return { payload: q, signature: await signWith(q) };
      }),
    };
    // Replay: the legitimate, correctly signed envelope delivered again under another row.
    const replayRow = await revoke(p2);
    const legitRow = await t.db.command.findUniqueOrThrow({
      where: { id: legit.commandIds[0] },
      select: { payload: true, kid: true, signature: true },
    });
    await t.db.command.update({
      where: { id: replayRow.commandIds[0] },
      data: {
        payload: legitRow.payload as never,
        kid: legitRow.kid,
        signature: legitRow.signature,
      },
    });

    const before = JSON.stringify(
      JSON.parse(fs.readFileSync(path.join(dir, "inventory.json"), "utf8")),
    );
    a = await startAgent({
      server: server.url,
      stateDir: dir,
      host,
      serverKeys: keys,
      hooks: { onRejected: (e) => rejected.push(e) },
    });
    try {
      await until(
        async () => rejected.length,
        (n) => n >= 6,
      );
      expect(new Set(rejected.map((r) => r.reason))).toEqual(
        new Set([
          "bad_signature",
          "unknown_kid",
          "wrong_host",
          "not_yet_valid",
          "expired",
          "replayed",
        ]),
      );
      expect(rejected.find((r) => r.reason === "replayed")!.id).toBe(legit.commandIds[0]);
      // Each refused command ends failed on the server with the agent's reason.
      for (const [reason, id] of Object.entries(ids)) {
        const c = await until(
          () =>
            t.db.command.findUniqueOrThrow({
              where: { id },
              select: { status: true, failureReason: true, receipts: { select: { status: true } } },
            }),
          (c) => c.status === "failed",
        );
        expect(c.failureReason).toContain(reason);
        expect(c.receipts.map((r) => r.status)).toEqual(["rejected"]);
      }
      // The replayed envelope's receipt hits the finished legit command: 409, it stays succeeded.
      expect(
        (
          await t.db.command.findUniqueOrThrow({
            where: { id: legit.commandIds[0] },
            select: { status: true },
          })
        ).status,
      ).toBe("succeeded");
      // No effect: p2 is still granted; only the legit command is in the executed memory.
      expect(a.agent.inventory.find((p) => p.name === plugin.name)!.permissions).toContain(p2);
      expect(
        JSON.stringify(JSON.parse(fs.readFileSync(path.join(dir, "inventory.json"), "utf8"))),
      ).toBe(before);
      const store = JSON.parse(fs.readFileSync(path.join(dir, "commands.json"), "utf8"));
      expect(Object.keys(store.executed)).toEqual([legit.commandIds[0]]);
      // And each refusal reached the server as a command_rejected event.
      const events = await until(
        () =>
          t.db.event.findMany({
            where: { hostId: host.id, type: "command_rejected" },
            select: { details: true },
          }),
        (e) => e.length >= 6,
      );
      expect(new Set(events.map((e) => (e.details as { reason: string }).reason))).toEqual(
        new Set(rejected.map((r) => r.reason)),
      );
    } finally {
      await a.stop();
    }
  });

  it("fleet revoke across 200 simulated hosts reaches 200 succeeded receipts, each executed once", async () => {
    const N = testEnv.BW_FLEET_N;
    const keys = await listPublicServerKeys();
    const hosts: Awaited<ReturnType<typeof seedHost>>[] = [];
    for (let i = 0; i < N; i++)
      hosts.push(await seedHost(t.db, `ws-fleet-${String(i).padStart(3, "0")}`));
    const executed = new Map<string, number>();
    const ts = Date.now();
    // Started concurrently, like a fleet coming online.
    const agents = await Promise.all(
      hosts.map((h) =>
        startAgent({
          server: server.url,
          stateDir: tmpDir("bw-fleet-"),
          host: h,
          serverKeys: keys,
          hooks: {
            waitSeconds: 20,
            onExecuted: (e) => executed.set(e.id, (executed.get(e.id) ?? 0) + 1),
          },
        }),
      ),
    );
    console.log(`fleet of ${N}: agents started in ${Date.now() - ts} ms`);
    try {
      const key = `INC-F-${crypto.randomBytes(3).toString("hex")}`;
      const inc = await t.db.incident.create({
        data: {
          key,
          title: "fleet",
          severity: "critical",
          correlationKey: key,
          detectedAt: new Date(),
          lastEventAt: new Date(),
        },
        select: { id: true },
      });
      // pdf-annotator is on every simulated host and holds render.canvas.
      const r = await issueCommand(
        {
          type: "revoke_permissions",
          params: { plugin: { name: "pdf-annotator" }, permissions: ["render.canvas"] },
          hostIds: hosts.map((h) => h.id),
          comment: "render exploit",
          incidentId: inc.id,
        },
        USER_A,
      );
      expect(r.approval).toBe("pending");
      await until(
        () => approveCommandRequest(r.requestId, USER_B, "go").then(() => true),
        (x) => x === true,
      );
      const t0 = Date.now();
      await until(
        () =>
          t.db.command.groupBy({
            by: ["status"],
            where: { requestId: r.requestId },
            _count: { _all: true },
          }),
        (g) => g.some((x) => x.status === "succeeded" && x._count._all === N),
        240_000,
      );
      console.log(`fleet of ${N}: all succeeded ${Date.now() - t0} ms after approval`);
      expect(
        await t.db.commandReceipt.count({
          where: { command: { requestId: r.requestId }, status: "succeeded" },
        }),
      ).toBe(N);
      expect(executed.size).toBe(N);
      expect([...executed.values()].every((n) => n === 1)).toBe(true);
      expect(
        (
          await t.db.incident.findUniqueOrThrow({
            where: { id: inc.id },
            select: { containmentVerifiedAt: true },
          })
        ).containmentVerifiedAt,
      ).not.toBeNull();
      // (The reported inventory reflecting the revoke is asserted per host in commands.integration.test.ts.)
    } finally {
      await Promise.all(agents.map((a) => a.stop()));
    }
  }, 400_000);
});
