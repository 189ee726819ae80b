import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { verifyPassword } from "../auth/password.ts";
import { hashToken } from "../hosts/tokens.ts";
import { cliActor } from "./cli-actor.ts";
import { runAdminCommand } from "./run-admin-command.ts";

describeDb("admin CLI commands", (t) => {
  const bw = (...argv: string[]) =>
    runAdminCommand(argv, { db: t.db, actor: cliActor("tester"), now: new Date() });
  const lastAudit = () => t.db.auditEntry.findFirst({ orderBy: { id: "desc" } });

  it("help lists every command", async () => {
    const r = await bw("help");
    expect(r.exitCode).toBe(0);
    for (const c of [
      "users list",
      "users create",
      "users set-role",
      "users disable",
      "users enable",
      "audit verify",
      "enroll-token create",
      "enroll-token list",
      "enroll-token revoke",
    ]) {
      expect(r.output).toContain(c);
    }
  });

  it("creates a user with a generated password printed once, audited as the CLI", async () => {
    const r = await bw(
      "users",
      "create",
      "--email",
      "Ops@Example.test",
      "--name",
      "Ops Lead",
      "--role",
      "admin",
    );
    expect(r.exitCode).toBe(0);
    const password = /Password \(shown once[^:]*\): (\S+)/.exec(r.output)?.[1];
    expect(password).toBeDefined();
    const stored = await t.db.user.findUniqueOrThrow({ where: { email: "ops@example.test" } });
    expect(await verifyPassword(stored.passwordHash, password!)).toBe(true);
    expect(await lastAudit()).toMatchObject({
      action: "user.created",
      actorType: "system",
      actorLabel: "cli:tester",
      targetId: stored.id,
    });

    const withPassword = await bw(
      "users",
      "create",
      "--email=viewer@example.test",
      "--name=Vi",
      "--role=viewer",
      "--password=twelve chars ok",
    );
    expect(withPassword).toEqual({
      output: expect.stringContaining("Created viewer viewer@example.test"),
      exitCode: 0,
    });
    expect(withPassword.output).not.toContain("Password");

    const list = await bw("users", "list");
    expect(list.exitCode).toBe(0);
    expect(list.output).toMatch(/ops@example\.test\s+Ops Lead\s+admin\s+active/);
    expect(list.output).toMatch(/viewer@example\.test\s+Vi\s+viewer\s+active/);
  });

  it("changes roles and status by email, and refuses what the use cases refuse", async () => {
    const before = (await t.db.user.findUniqueOrThrow({ where: { email: "viewer@example.test" } }))
      .sessionVersion;
    expect(await bw("users", "set-role", "viewer@example.test", "responder")).toEqual({
      output: "viewer@example.test is now responder.",
      exitCode: 0,
    });
    expect(await bw("users", "disable", "viewer@example.test")).toEqual({
      output: "viewer@example.test is disabled.",
      exitCode: 0,
    });
    expect(await lastAudit()).toMatchObject({ action: "user.disabled", actorLabel: "cli:tester" });
    expect(await bw("users", "enable", "viewer@example.test")).toEqual({
      output: "viewer@example.test is active.",
      exitCode: 0,
    });
    expect(
      (await t.db.user.findUniqueOrThrow({ where: { email: "viewer@example.test" } }))
        .sessionVersion,
    ).toBe(before + 3);

    expect(await bw("users", "disable", "ops@example.test")).toMatchObject({
      exitCode: 1,
      output: expect.stringContaining("last active admin"),
    });
    expect(await bw("users", "disable", "ghost@example.test")).toMatchObject({
      exitCode: 1,
      output: expect.stringContaining("No user with email ghost@example.test"),
    });
    expect(
      await bw(
        "users",
        "create",
        "--email",
        "ops@example.test",
        "--name",
        "Again",
        "--role",
        "viewer",
      ),
    ).toMatchObject({ exitCode: 1, output: expect.stringContaining("already exists") });
  });

  it("rejects malformed invocations with usage and exit code 2, changing nothing", async () => {
    const users = await t.db.user.count();
    const cases: [string[], RegExp][] = [
      [["users", "frobnicate"], /Unknown command: users frobnicate[\s\S]*users list/],
      [
        ["users", "create", "--email", "x@example.test", "--name", "X", "--role", "root"],
        /--role: /,
      ],
      [
        [
          "users",
          "create",
          "--email",
          "x@example.test",
          "--name",
          "X",
          "--role",
          "viewer",
          "--admin",
        ],
        /Unknown option --admin/,
      ],
      [["users", "create", "--email", "x@example.test", "--name"], /--name needs a value/],
      [["users", "set-role", "x@example.test"], /ROLE: /],
      [
        ["users", "disable", "a@example.test", "b@example.test"],
        /Unexpected argument b@example\.test/,
      ],
      [
        ["enroll-token", "create", "--uses", "1", "--expires", "soon"],
        /--expires: Use a number and a unit/,
      ],
      [["enroll-token", "create", "--uses", "0", "--expires", "1h"], /--uses: At least one use/],
    ];
    for (const [argv, message] of cases) {
      const r = await bw(...argv);
      expect(r.exitCode, argv.join(" ")).toBe(2);
      expect(r.output).toMatch(message);
    }
    expect(await t.db.user.count()).toBe(users);
  });

  it("audit verify reports the entry count, and exit 1 with the first broken seq after tampering", async () => {
    const n = await t.db.auditEntry.count();
    expect(await bw("audit", "verify")).toEqual({ output: `verified ${n} entries`, exitCode: 0 });
    await t.sql.query(`UPDATE "AuditEntry" SET "actorLabel" = 'someone else' WHERE seq = 2`);
    expect(await bw("audit", "verify")).toEqual({
      output: "broken at seq 2: content does not match its hash",
      exitCode: 1,
    });
    await t.sql.query(`UPDATE "AuditEntry" SET "actorLabel" = 'cli:tester' WHERE seq = 2`);
    expect((await bw("audit", "verify")).exitCode).toBe(0);
  });

  it("creates, lists and revokes enrollment tokens; only the token's hash is stored", async () => {
    const created = await bw(
      "enroll-token",
      "create",
      "--uses",
      "5",
      "--expires",
      "2h",
      "--label",
      "lab rack",
    );
    expect(created.exitCode).toBe(0);
    const token = /Token \(shown once[^:]*\): (bwe_\S+)/.exec(created.output)?.[1];
    const id = /enrollment token ([0-9a-f-]{36})/.exec(created.output)?.[1];
    expect(token && id).toBeTruthy();
    const row = await t.db.enrollmentToken.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ label: "lab rack", maxUses: 5, tokenHash: hashToken(token!) });
    expect(Math.abs(row.expiresAt.getTime() - Date.now() - 2 * 3600_000)).toBeLessThan(60_000);

    expect((await bw("enroll-token", "list")).output).toMatch(
      new RegExp(`${id}\\s+lab rack\\s+active\\s+0/5`),
    );
    expect(await bw("enroll-token", "revoke", id!)).toMatchObject({
      exitCode: 0,
      output: expect.stringContaining(`Revoked enrollment token ${id}`),
    });
    expect((await bw("enroll-token", "list")).output).toMatch(
      new RegExp(`${id}\\s+lab rack\\s+revoked`),
    );
    expect(await lastAudit()).toMatchObject({
      action: "enrollment_token.revoked",
      actorLabel: "cli:tester",
      targetId: id,
    });
    expect(await bw("enroll-token", "revoke", id!)).toMatchObject({
      exitCode: 1,
      output: expect.stringContaining("already revoked"),
    });
  });
});
