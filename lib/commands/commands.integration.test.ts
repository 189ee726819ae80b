// Signed commands end to end on PGlite and PostgreSQL: real route handlers over HTTP, real
// reference agents with the real command loop, no mocks.
import crypto from "node:crypto";
import { expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_DATA_DIR = `/tmp/bw-cmd-test-${process.pid}`;
});

import {
  ADMIN,
  seedHost,
  seedIncident,
  startAgent,
  USER_A,
  USER_B,
} from "../../test/command-fixtures.ts";
import { describeDb } from "../../test/db.ts";
import { serveCommandRoutes } from "../../test/serve-command-routes.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { canonicalJson } from "../protocol/canonical-json.ts";
import { listPublicServerKeys } from "../signing/server-keys.ts";
import { runDueTimers } from "../timers/run-due-timers.ts";
import { approveCommandRequest } from "./approve-command-request.ts";
import { cancelCommand } from "./cancel-command.ts";
import { issueCommand } from "./issue-command.ts";
import { signCommand } from "./sign-command.ts";
import { COMMAND_TIMER_HANDLERS } from "./timer-handlers.ts";

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end)
      throw new Error(`timed out; last value ${JSON.stringify(v)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeDb("signed commands", (t) => {
  const server = serveCommandRoutes();

  const receipt = (token: string, id: string, body: unknown) =>
    fetch(`${server.url}/api/agent/v1/commands/${id}/receipts`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const poll = (token: string, wait = 0) =>
    fetch(`${server.url}/api/agent/v1/commands?waitSeconds=${wait}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  const status = async (id: string) =>
    (await t.db.command.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

  const newIncident = () => seedIncident(t.db);

  it("revokes a plugin's permission: delivered → acknowledged → succeeded, inventory really changes, containment verified", async () => {
    const host = await seedHost(t.db, "ws-revoke");
    const a = await startAgent({ server: server.url, host });
    try {
      const victim = a.agent.inventory.find((p) => p.permissions.length >= 2)!;
      const perm = victim.permissions[0];
      const inc = await newIncident();
      const r = await issueCommand(
        {
          type: "revoke_permissions",
          params: { plugin: { name: victim.name, version: victim.version }, permissions: [perm] },
          hostIds: [host.id],
          comment: "escape attempt",
          incidentId: inc.id,
        },
        USER_A,
      );
      expect(r.approval).toBe("not_required");
      const id = r.commandIds[0];
      await until(
        () => status(id),
        (s) => s === "succeeded",
      );
      const c = await t.db.command.findUniqueOrThrow({
        where: { id },
        select: {
          deliveredAt: true,
          acknowledgedAt: true,
          succeededAt: true,
          result: true,
          receipts: { select: { status: true } },
        },
      });
      expect(c.deliveredAt! <= c.acknowledgedAt! && c.acknowledgedAt! <= c.succeededAt!).toBe(true);
      expect(c.receipts.map((x) => x.status)).toEqual(["received", "succeeded"]);
      expect(c.result).toMatchObject({ revoked: [perm] });
      // The agent's reported inventory reaches the server without the permission.
      await until(
        () =>
          t.db.hostPlugin.findFirst({
            where: { hostId: host.id, name: victim.name },
            select: { permissions: true },
          }),
        (p) => !!p && !p.permissions.includes(perm),
      );
      const incident = await t.db.incident.findUniqueOrThrow({
        where: { id: inc.id },
        select: { containmentVerifiedAt: true },
      });
      expect(incident.containmentVerifiedAt).not.toBeNull();
      const timeline = await t.db.timelineEntry.findMany({
        where: { incidentId: inc.id },
        select: { type: true },
        orderBy: { id: "asc" },
      });
      expect(timeline.map((e) => e.type)).toEqual([
        "command.requested",
        "command.queued",
        "command.delivered",
        "command.acknowledged",
        "command.succeeded",
        "incident.containment_verified",
      ]);
      expect((await verifyAudit(t.db)).ok).toBe(true);
    } finally {
      await a.stop();
    }
  });

  it("server refuses: another host's command 404, conflicting receipt 409, same receipt twice 200 unchanged, expired never-received 410", async () => {
    const h1 = await seedHost(t.db, "ws-r1");
    const h2 = await seedHost(t.db, "ws-r2");
    const r = await issueCommand(
      { type: "kill_process", params: { pid: 4242 }, hostIds: [h1.id], comment: "runaway" },
      USER_A,
    );
    const id = r.commandIds[0];
    const polled = await (await poll(h1.token)).json();
    expect(polled.commands.map((e: { payload: { id: string } }) => e.payload.id)).toEqual([id]);
    const other = await receipt(h2.token, id, { status: "received", at: new Date().toISOString() });
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toContain("application/problem+json");
    expect(await status(id)).toBe("delivered");
    const ok = await receipt(h1.token, id, {
      status: "succeeded",
      at: new Date().toISOString(),
      result: { killed: [4242] },
    });
    expect(ok.status).toBe(200);
    const again = await receipt(h1.token, id, {
      status: "succeeded",
      at: new Date().toISOString(),
      result: { killed: [4242] },
    });
    expect(again.status).toBe(200);
    expect((await again.json()).changed).toBe(false);
    expect(await t.db.commandReceipt.count({ where: { commandId: id } })).toBe(1);
    const conflict = await receipt(h1.token, id, {
      status: "failed",
      at: new Date().toISOString(),
      reason: "x",
    });
    expect(conflict.status).toBe(409);
    expect(await status(id)).toBe("succeeded");
    const bad = await receipt(h1.token, id, { status: "done", at: "yesterday" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.length).toBeGreaterThan(0);

    // Expired before it was ever received → 410, and nothing changes.
    const r2 = await issueCommand(
      { type: "kill_process", params: { pid: 7 }, hostIds: [h1.id], comment: "runaway" },
      USER_A,
    );
    const id2 = r2.commandIds[0];
    await poll(h1.token);
    const later = new Date(Date.now() + 16 * 60_000);
    expect(
      await runDueTimers(COMMAND_TIMER_HANDLERS, { db: t.db, now: () => later }),
    ).toBeGreaterThanOrEqual(1);
    expect(await status(id2)).toBe("expired");
    const gone = await receipt(h1.token, id2, { status: "received", at: new Date().toISOString() });
    expect(gone.status).toBe(410);
    expect(await status(id2)).toBe("expired");
  });

  it("two-person approval: the requester cannot approve (403); a second person can; break-glass needs an admin and a reason", async () => {
    const h = await seedHost(t.db, "ws-iso");
    const r = await issueCommand(
      { type: "isolate_host", params: {}, hostIds: [h.id], comment: "beaconing" },
      USER_A,
    );
    expect(r.approval).toBe("pending");
    expect(await status(r.commandIds[0])).toBe("awaiting_approval");
    expect((await (await poll(h.token)).json()).commands).toEqual([]);
    await expect(approveCommandRequest(r.requestId, USER_A, undefined)).rejects.toMatchObject({
      code: "forbidden",
      status: 403,
    });
    expect(await status(r.commandIds[0])).toBe("awaiting_approval");
    await approveCommandRequest(r.requestId, USER_B, "agreed");
    expect(await status(r.commandIds[0])).toBe("queued");
    await expect(approveCommandRequest(r.requestId, USER_B, undefined)).rejects.toMatchObject({
      code: "conflict",
    });

    const breakGlass = (comment: string, breakGlassReason: string) => ({
      type: "isolate_host",
      params: {},
      hostIds: [h.id],
      comment,
      breakGlassReason,
    });
    await expect(
      issueCommand(breakGlass("x!!", "the CISO said so, now"), USER_A),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(issueCommand(breakGlass("x!!", "short"), ADMIN)).rejects.toMatchObject({
      code: "invalid_input",
    });
    const bg = await issueCommand(
      breakGlass("active exfiltration", "exfiltration in progress, no second responder awake"),
      ADMIN,
    );
    expect(bg.approval).toBe("break_glass");
    expect(await status(bg.commandIds[0])).toBe("queued");
    expect(
      await t.db.auditEntry.count({
        where: { action: "command.break_glass", targetId: bg.requestId },
      }),
    ).toBe(1);
  });

  it("cancel: queued is cancelled at once; delivered gets a recorded cancel request", async () => {
    const h = await seedHost(t.db, "ws-cancel");
    const r = await issueCommand(
      { type: "kill_process", params: { pid: 1 }, hostIds: [h.id], comment: "oops" },
      USER_A,
    );
    expect(await cancelCommand(r.commandIds[0], USER_B, "wrong pid")).toEqual({
      commandId: r.commandIds[0],
      outcome: "cancelled",
    });
    expect((await (await poll(h.token)).json()).commands).toEqual([]);
    const r2 = await issueCommand(
      { type: "kill_process", params: { pid: 2 }, hostIds: [h.id], comment: "oops" },
      USER_A,
    );
    await poll(h.token);
    expect((await cancelCommand(r2.commandIds[0], USER_B, "wrong pid")).outcome).toBe(
      "cancel_requested",
    );
    const c = await t.db.command.findUniqueOrThrow({
      where: { id: r2.commandIds[0] },
      select: { status: true, cancelRequestedAt: true, cancelRequestedBy: true },
    });
    expect(c).toMatchObject({ status: "delivered", cancelRequestedBy: USER_B.label });
    expect(c.cancelRequestedAt).not.toBeNull();
  });

  it("bad input is a clear 400 and writes nothing", async () => {
    const h = await seedHost(t.db, "ws-bad");
    const before = await t.db.commandRequest.count();
    const refused: Parameters<typeof issueCommand>[0][] = [
      // params that do not name a plugin
      { type: "revoke_permissions", params: { plugin: {} }, hostIds: [h.id], comment: "why" },
      // a host that does not exist
      { type: "kill_process", params: { pid: 1 }, hostIds: [crypto.randomUUID()], comment: "why" },
      // a time box on a command that cannot be reversed
      {
        type: "kill_process",
        params: { pid: 1 },
        hostIds: [h.id],
        comment: "why",
        durationSeconds: 600,
      },
    ];
    for (const input of refused)
      await expect(issueCommand(input, USER_A)).rejects.toMatchObject({ code: "invalid_input" });
    expect(await t.db.commandRequest.count()).toBe(before);
    expect((await poll(h.token, 99)).status).toBe(400);
  });

  it("time-boxed isolation: the reverse release_host is issued automatically when the box ends", async () => {
    const h = await seedHost(t.db, "ws-box");
    const r = await issueCommand(
      {
        type: "isolate_host",
        params: { allow: ["10.0.0.5"] },
        hostIds: [h.id],
        comment: "contain",
        durationSeconds: 600,
        breakGlassReason: "lateral movement seen, isolating immediately",
      },
      ADMIN,
    );
    const [env] = (await (await poll(h.token)).json()).commands;
    await receipt(h.token, env.payload.id, {
      status: "succeeded",
      at: new Date().toISOString(),
      result: { isolated: true },
    });
    expect(
      (await t.db.host.findUniqueOrThrow({ where: { id: h.id }, select: { isolation: true } }))
        .isolation,
    ).toBe("isolated");
    const later = new Date(Date.now() + 11 * 60_000);
    await runDueTimers(
      { "commands.containment_end": COMMAND_TIMER_HANDLERS["commands.containment_end"] },
      { db: t.db, now: () => later },
    );
    const reverse = await t.db.commandRequest.findFirstOrThrow({
      where: { reverseOfId: r.requestId },
      select: { type: true, approval: true, commands: { select: { status: true, hostId: true } } },
    });
    expect(reverse).toMatchObject({
      type: "release_host",
      approval: "not_required",
      commands: [{ status: "queued", hostId: h.id }],
    });
  });

  it("the envelope is Ed25519 over the RFC 8785 canonical payload with the published kid", async () => {
    const env = await signCommand({
      id: crypto.randomUUID(),
      hostId: crypto.randomUUID(),
      type: "release_host",
      params: {},
    });
    const key = (await listPublicServerKeys()).find((k) => k.kid === env.kid)!;
    const pub = crypto.createPublicKey({
      key: { kty: "OKP", crv: "Ed25519", x: key.publicKey },
      format: "jwk",
    });
    expect(
      crypto.verify(
        null,
        Buffer.from(canonicalJson(env.payload)),
        pub,
        Buffer.from(env.signature, "base64url"),
      ),
    ).toBe(true);
    expect(Date.parse(env.payload.expiresAt) - Date.parse(env.payload.issuedAt)).toBe(15 * 60_000);
    expect(env.payload.nonce).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });
});
