import { afterAll, expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { isSet } from "../../test/env.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { problemResponse } from "../http/problem.ts";
import { createUser } from "../users/create-user.ts";
import { updateUser } from "../users/update-user.ts";
import { assertLoginAllowed, recordLoginFailure } from "./rate-limit-login.ts";
import { signInWithPassword } from "./sign-in-with-password.ts";

const ACCOUNT_LIMIT = env.BREAKWATER_LOGIN_MAX_FAILURES_PER_ACCOUNT;
const IP_LIMIT = env.BREAKWATER_LOGIN_MAX_FAILURES_PER_IP;
const HOUR = 3600_000;
const CLI = { type: "system", label: "test" } as const;

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describeDb("login rate limit and sign-in auditing", (t) => {
  it("uses the limits the issue asks for unless configured otherwise", () => {
    if (!isSet("BREAKWATER_LOGIN_MAX_FAILURES_PER_ACCOUNT")) expect(ACCOUNT_LIMIT).toBe(100);
    expect(IP_LIMIT).toBeGreaterThan(0);
  });

  it("rejects the next attempt once an account has the limit of failures within an hour", async () => {
    const now = new Date("2026-03-01T12:00:00.000Z");
    const email = "limited@example.test";
    // Spread over 50 minutes and many addresses, so only the per-account limit applies.
    const first = now.getTime() - 50 * 60_000;
    const step = (50 * 60_000) / ACCOUNT_LIMIT;
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) {
      await recordLoginFailure(
        email,
        `10.1.${i >> 8}.${i & 255}`,
        t.db,
        new Date(first + i * step),
      );
    }
    // An older failure outside the window does not count.
    await recordLoginFailure(email, "10.9.9.9", t.db, new Date(now.getTime() - HOUR - 1000));
    await expect(assertLoginAllowed(email, "10.2.0.1", t.db, now)).resolves.toBeUndefined();

    await recordLoginFailure(email, "10.1.200.1", t.db, new Date(now.getTime() - 1000));
    const err = await rejection(assertLoginAllowed(email, "10.2.0.1", t.db, now));
    expect(err.code).toBe("rate_limited");
    // The oldest failure in the window (50 min ago) ages out in 10 minutes: that is the wait.
    expect(err.retryAfterSeconds).toBe(600);
    // Email case and spaces do not open a second budget.
    expect(
      (await rejection(assertLoginAllowed("  LIMITED@example.test ", "10.2.0.2", t.db, now))).code,
    ).toBe("rate_limited");

    // Over HTTP that is a 429 problem with Retry-After.
    const res = problemResponse(err, "req-1");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("600");
    expect(res.headers.get("content-type")).toBe("application/problem+json");

    // Another account is unaffected, and once the window has moved on the account may try again.
    await expect(
      assertLoginAllowed("other@example.test", "10.2.0.1", t.db, now),
    ).resolves.toBeUndefined();
    await expect(
      assertLoginAllowed(email, "10.2.0.1", t.db, new Date(first + HOUR + 1)),
    ).resolves.toBeUndefined();
  });

  it("rejects an address that failed too often, whatever account it tries next", async () => {
    const now = new Date("2026-03-02T12:00:00.000Z");
    const ip = "198.51.100.7";
    const first = now.getTime() - 30 * 60_000;
    await t.db.loginFailure.createMany({
      data: Array.from({ length: IP_LIMIT }, (_, i) => ({
        email: `spray-${i}@example.test`,
        ip,
        at: new Date(first + i * 1000),
      })),
    });
    const err = await rejection(assertLoginAllowed("fresh-account@example.test", ip, t.db, now));
    expect(err.code).toBe("rate_limited");
    expect(err.retryAfterSeconds).toBe(30 * 60);
    await expect(
      assertLoginAllowed("fresh-account@example.test", "198.51.100.8", t.db, now),
    ).resolves.toBeUndefined();
  });

  it("audits a failed sign-in with its reason and counts it, without saying which part was wrong", async () => {
    const user = await createUser(
      {
        email: "ann@example.test",
        name: "Ann",
        role: "responder",
        password: "correct horse battery",
      },
      CLI,
      t.db,
    );
    const before = (await t.db.auditEntry.aggregate({ _max: { id: true } }))._max.id ?? 0n;

    expect(
      await signInWithPassword(
        { email: "ann@example.test", password: "wrong password!!" },
        "203.0.113.5",
      ),
    ).toBeNull();
    expect(
      await signInWithPassword(
        { email: "nobody@example.test", password: "whatever password" },
        "203.0.113.5",
      ),
    ).toBeNull();

    const entries = await t.db.auditEntry.findMany({
      where: { id: { gt: before } },
      orderBy: { id: "asc" },
    });
    expect(
      entries.map((e) => [e.action, e.targetId, (e.details as { reason: string }).reason]),
    ).toEqual([
      ["auth.login_failed", user.id, "bad_password"],
      ["auth.login_failed", null, "unknown_account"],
    ]);
    expect(entries[0].details).toMatchObject({ email: "ann@example.test", ip: "203.0.113.5" });
    expect(await t.db.loginFailure.count({ where: { ip: "203.0.113.5" } })).toBe(2);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  });

  it("audits a successful sign-in and refuses a disabled account", async () => {
    const user = await createUser(
      { email: "bo@example.test", name: "Bo", role: "viewer", password: "a long enough secret" },
      CLI,
      t.db,
    );
    const signedIn = await signInWithPassword(
      { email: "BO@example.test", password: "a long enough secret" },
      "203.0.113.6",
    );
    expect(signedIn).toEqual({
      id: user.id,
      email: "bo@example.test",
      name: "Bo",
      role: "viewer",
      sessionVersion: 1,
    });
    const last = await t.db.auditEntry.findFirst({ orderBy: { id: "desc" } });
    expect(last).toMatchObject({
      action: "auth.login",
      actorType: "user",
      actorId: user.id,
      targetId: user.id,
      details: { ip: "203.0.113.6", method: "password" },
    });
    expect((await t.db.user.findUnique({ where: { id: user.id } }))?.lastLoginAt).toBeInstanceOf(
      Date,
    );

    await updateUser(user.id, { status: "disabled" }, CLI, t.db);
    expect(
      await signInWithPassword(
        { email: "bo@example.test", password: "a long enough secret" },
        "203.0.113.6",
      ),
    ).toBeNull();
    expect(await t.db.auditEntry.findFirst({ orderBy: { id: "desc" } })).toMatchObject({
      action: "auth.login_failed",
      details: { reason: "disabled" },
    });
  });

  it("refuses even the right password once the account is rate limited", async () => {
    await createUser(
      { email: "cy@example.test", name: "Cy", role: "viewer", password: "the right password" },
      CLI,
      t.db,
    );
    const now = Date.now();
    await t.db.loginFailure.createMany({
      data: Array.from({ length: ACCOUNT_LIMIT }, (_, i) => ({
        email: "cy@example.test",
        ip: `192.0.2.${i % 250}`,
        at: new Date(now - 60_000 + i),
      })),
    });
    const err = await rejection(
      signInWithPassword(
        { email: "cy@example.test", password: "the right password" },
        "192.0.2.254",
      ),
    );
    expect(err.code).toBe("rate_limited");
    expect(err.retryAfterSeconds).toBeGreaterThan(3500);
  });

  describeAuditOutage(t);
});

// The failure counter, the login stamp and their audit entries commit together: when the
// audit append fails, neither the failure row nor lastLoginAt is written.
function describeAuditOutage(t: Parameters<Parameters<typeof describeDb>[1]>[0]) {
  afterAll(async () => {
    await t.sql
      .exec(
        `DROP TRIGGER IF EXISTS audit_down ON "AuditEntry"; DROP FUNCTION IF EXISTS audit_down();`,
      )
      .catch(() => {});
  });

  it("writes a sign-in's effects and its audit entry in one transaction", async () => {
    const user = await createUser(
      { email: "dee@example.test", name: "Dee", role: "viewer", password: "dee's password" },
      CLI,
      t.db,
    );
    await t.sql.exec(`
      CREATE FUNCTION audit_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$;
      CREATE TRIGGER audit_down BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION audit_down();`);
    try {
      const failures = await t.db.loginFailure.count({ where: { ip: "192.0.2.99" } });
      await expect(
        signInWithPassword(
          { email: "dee@example.test", password: "not dee's password" },
          "192.0.2.99",
        ),
      ).rejects.toThrow(/audit store unavailable/);
      expect(await t.db.loginFailure.count({ where: { ip: "192.0.2.99" } })).toBe(failures);

      await expect(
        signInWithPassword({ email: "dee@example.test", password: "dee's password" }, "192.0.2.99"),
      ).rejects.toThrow(/audit store unavailable/);
      expect((await t.db.user.findUnique({ where: { id: user.id } }))?.lastLoginAt).toBeNull();
    } finally {
      await t.sql.exec(`DROP TRIGGER audit_down ON "AuditEntry"; DROP FUNCTION audit_down();`);
    }
  });
}
