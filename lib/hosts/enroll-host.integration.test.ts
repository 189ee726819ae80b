import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { ADMIN, enroll, newToken, plugin, putInventory } from "../../test/host-fixtures.ts";
import { resetEnrollRateLimit } from "./enroll-rate-limit.ts";
import { listEnrollmentTokens } from "./list-enrollment-tokens.ts";
import { revokeEnrollmentToken } from "./revoke-enrollment-token.ts";
import { hashToken } from "./tokens.ts";

const body = (token: string, over: Record<string, unknown> = {}) => ({
  enrollmentToken: token,
  hostname: "ws-001",
  os: "Debian 13",
  agentVersion: "0.1.0",
  ...over,
});

describeDb("enrollment", (t) => {
  beforeEach(() => resetEnrollRateLimit());

  it("creates a token shown once and stores only its hash, audited", async () => {
    const tok = await newToken(3, 3600, "laptops");
    expect(tok.token).toMatch(/^bwe_[A-Za-z0-9_-]{43}$/);
    expect(tok).toMatchObject({
      label: "laptops",
      maxUses: 3,
      uses: 0,
      usesLeft: 3,
      state: "active",
    });
    const row = await t.db.enrollmentToken.findUniqueOrThrow({ where: { id: tok.id } });
    expect(row.tokenHash).toBe(hashToken(tok.token));
    expect(JSON.stringify(row)).not.toContain(tok.token);
    const listed = await listEnrollmentTokens();
    expect(JSON.stringify(listed)).not.toContain(tok.token);
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);
    const audit = await t.db.auditEntry.findFirst({
      where: { action: "enrollment_token.created", targetId: tok.id },
    });
    expect(audit?.actorId).toBe(ADMIN.id);
  });

  it("enrolls a host per the protocol: 201, 256-bit host token, hash stored, plugins kept", async () => {
    const tok = await newToken();
    const res = await enroll(
      body(tok.token, {
        plugins: [
          plugin(),
          plugin({ name: "pdf-preview", version: "2.1.0", signer: null, sha256: "B".repeat(64) }),
        ],
      }),
    );
    expect(res.status).toBe(201);
    const out = await res.json();
    expect(Object.keys(out).sort()).toEqual([
      "hostId",
      "hostToken",
      "maxBatchEvents",
      "pollSeconds",
      "serverKeys",
    ]);
    expect(out.hostToken).toMatch(/^bwh_[A-Za-z0-9_-]{43}$/);
    expect(out.maxBatchEvents).toBe(500);
    expect(out.pollSeconds).toBeGreaterThan(0);
    // The commands capability's Ed25519 keys: raw 32-byte public keys, base64url.
    expect(out.serverKeys.length).toBeGreaterThan(0);
    for (const k of out.serverKeys) {
      expect(k).toMatchObject({ kid: expect.any(String), alg: "Ed25519" });
      expect(Buffer.from(k.publicKey, "base64url")).toHaveLength(32);
    }
    const host = await t.db.host.findUniqueOrThrow({
      where: { id: out.hostId },
      include: { plugins: true },
    });
    expect(host.tokenHash).toBe(hashToken(out.hostToken));
    expect(host).toMatchObject({
      hostname: "ws-001",
      os: "Debian 13",
      agentVersion: "0.1.0",
      status: "active",
      enrollmentTokenId: tok.id,
    });
    expect(host.plugins.map((p) => [p.name, p.sha256, p.signer]).sort()).toEqual([
      ["clipboard-sync", "a".repeat(64), "Example Corp"],
      ["pdf-preview", "b".repeat(64), null],
    ]);
    expect((await t.db.enrollmentToken.findUniqueOrThrow({ where: { id: tok.id } })).uses).toBe(1);
    expect(
      await t.db.auditEntry.count({ where: { action: "host.enrolled", targetId: out.hostId } }),
    ).toBe(1);
  });

  it("never lets concurrent enrolments exceed a token's uses (N+1 at an N-use token → N hosts)", async () => {
    const N = 5;
    const tok = await newToken(N);
    const results = await Promise.all(
      Array.from({ length: N + 1 }, (_, i) =>
        enroll(body(tok.token, { hostname: `race-${i}` }), { ip: `10.9.0.${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(N).fill(201), 401]);
    expect(await t.db.host.count({ where: { enrollmentTokenId: tok.id } })).toBe(N);
    expect((await t.db.enrollmentToken.findUniqueOrThrow({ where: { id: tok.id } })).uses).toBe(N);
    const [state] = (await listEnrollmentTokens()).filter((x) => x.id === tok.id);
    expect(state).toMatchObject({ state: "used_up", usesLeft: 0 });
  });

  it("answers 401 problem+json to unknown, expired, revoked and used-up tokens", async () => {
    const expired = await newToken(5);
    await t.db.enrollmentToken.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const revoked = await newToken(5);
    await revokeEnrollmentToken(revoked.id, ADMIN);
    const usedUp = await newToken(1);
    expect((await enroll(body(usedUp.token))).status).toBe(201);
    for (const token of ["bwe_doesnotexist", expired.token, revoked.token, usedUp.token]) {
      const res = await enroll(body(token));
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const p = await res.json();
      expect(p).toMatchObject({
        status: 401,
        title: expect.any(String),
        detail: expect.any(String),
        requestId: expect.any(String),
      });
    }
    expect((await t.db.enrollmentToken.findUniqueOrThrow({ where: { id: expired.id } })).uses).toBe(
      0,
    );
    const states = Object.fromEntries((await listEnrollmentTokens()).map((x) => [x.id, x.state]));
    expect([states[expired.id], states[revoked.id], states[usedUp.id]]).toEqual([
      "expired",
      "revoked",
      "used_up",
    ]);
    await expect(revokeEnrollmentToken(revoked.id, ADMIN)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(revokeEnrollmentToken("nope", ADMIN)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses bad input with 4xx problem+json and writes nothing", async () => {
    const tok = await newToken(5);
    const hostsBefore = await t.db.host.count();
    const cases: [
      string,
      number,
      { raw?: string; body?: unknown; headers?: Record<string, string> },
    ][] = [
      ["malformed JSON", 400, { raw: "{not json" }],
      ["empty body", 400, { raw: "" }],
      ["array body", 400, { body: [] }],
      ["wrong types", 400, { body: body(tok.token, { hostname: 42, plugins: "x" }) }],
      ["huge hostname", 400, { body: body(tok.token, { hostname: "h".repeat(100_000) }) }],
      ["bad sha256", 400, { body: body(tok.token, { plugins: [plugin({ sha256: "xyz" })] }) }],
      ["bad state", 400, { body: body(tok.token, { plugins: [plugin({ state: "exploded" })] }) }],
      ["duplicate plugin", 400, { body: body(tok.token, { plugins: [plugin(), plugin()] }) }],
      [
        "body over 1 MiB",
        413,
        { raw: JSON.stringify(body(tok.token, { pad: "x".repeat(1.1 * 1024 * 1024) })) },
      ],
      [
        "declared length over 1 MiB",
        413,
        { raw: "{}", headers: { "content-length": String(2 << 20) } },
      ],
    ];
    for (const [name, status, c] of cases) {
      const res = await enroll(c.body, { raw: c.raw, headers: c.headers, ip: `10.2.0.${status}` });
      expect(res.status, name).toBe(status);
      expect(res.headers.get("content-type"), name).toBe("application/problem+json");
      resetEnrollRateLimit();
    }
    const wrong = await (await enroll(body(tok.token, { hostname: 42 }))).json();
    expect(wrong.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "hostname" })]),
    );
    expect(await t.db.host.count()).toBe(hostsBefore);
    expect((await t.db.enrollmentToken.findUniqueOrThrow({ where: { id: tok.id } })).uses).toBe(0);
  });

  it("answers 429 with Retry-After when one address enrols too fast, others still get through", async () => {
    const tok = await newToken(5);
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) last = await enroll(body("bwe_guess" + i), { ip: "10.66.0.1" });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await last!.json()).status).toBe(429);
    expect((await enroll(body(tok.token), { ip: "10.66.0.2" })).status).toBe(201);
  });

  it("validates token creation input", async () => {
    const { createEnrollmentToken } = await import("./create-enrollment-token.ts");
    await expect(
      createEnrollmentToken({ label: "", maxUses: 0, expiresInSeconds: 1 }, ADMIN),
    ).rejects.toMatchObject({ name: "ZodError" });
    await expect(
      createEnrollmentToken({ label: "x", maxUses: 1.5, expiresInSeconds: 3600 }, ADMIN),
    ).rejects.toBeTruthy();
  });
  describe("a retry after a lost 201 (enrollmentId)", () => {
    const attempt = (token: string, enrollmentId: string) =>
      enroll(body(token, { enrollmentId }), { ip: `10.9.0.${Math.floor(Math.random() * 250)}` });

    it("replays an unused enrolment: same host, a new working token, the old one dead, no second use, audited", async () => {
      const tok = await newToken(1);
      const id = crypto.randomUUID();
      const first = await (await attempt(tok.token, id)).json();
      const again = await attempt(tok.token, id);
      expect(again.status).toBe(201);
      const second = await again.json();
      expect(second.hostId).toBe(first.hostId);
      expect(second.hostToken).not.toBe(first.hostToken);
      expect(await t.db.host.count({ where: { enrollmentTokenId: tok.id } })).toBe(1);
      expect((await t.db.enrollmentToken.findUniqueOrThrow({ where: { id: tok.id } })).uses).toBe(
        1,
      );
      expect((await putInventory({ plugins: [] }, first.hostToken)).status).toBe(401);
      expect((await putInventory({ plugins: [] }, second.hostToken)).status).toBe(200);
      expect(
        await t.db.auditEntry.count({
          where: { action: "host.enrollment_replayed", targetId: first.hostId },
        }),
      ).toBe(1);
    });

    it("refuses the replay once the credential has been used (409), and with another token (401)", async () => {
      const tok = await newToken(3);
      const other = await newToken(3);
      const id = crypto.randomUUID();
      const first = await (await attempt(tok.token, id)).json();
      expect((await attempt(other.token, id)).status).toBe(401);
      expect((await putInventory({ plugins: [] }, first.hostToken)).status).toBe(200);
      const late = await attempt(tok.token, id);
      expect(late.status).toBe(409);
      expect(late.headers.get("content-type")).toContain("application/problem+json");
      // The live credential was not touched.
      expect((await putInventory({ plugins: [] }, first.hostToken)).status).toBe(200);
      expect((await t.db.enrollmentToken.findUniqueOrThrow({ where: { id: tok.id } })).uses).toBe(
        1,
      );
    });

    it("two attempts with one enrollmentId at once make one host", async () => {
      const tok = await newToken(5);
      const id = crypto.randomUUID();
      const answers = await Promise.all([attempt(tok.token, id), attempt(tok.token, id)]);
      expect(answers.map((r) => r.status)).toEqual([201, 201]);
      const ids = await Promise.all(answers.map(async (r) => (await r.json()).hostId));
      expect(ids[0]).toBe(ids[1]);
      expect(await t.db.host.count({ where: { enrollmentId: id } })).toBe(1);
      expect((await t.db.enrollmentToken.findUniqueOrThrow({ where: { id: tok.id } })).uses).toBe(
        1,
      );
    });
  });
});
