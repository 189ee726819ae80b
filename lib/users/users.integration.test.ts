import { expect, it } from "vitest";
import { ZodError } from "zod";
import { describeDb } from "../../test/db.ts";
import type { Actor } from "../audit/actor.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { AppError } from "../errors/app-error.ts";
import { createUser } from "./create-user.ts";
import { updateUser } from "./update-user.ts";

const ADMIN: Actor = {
  type: "user",
  id: "00000000-0000-4000-8000-000000000001",
  label: "root@example.test",
};
const pw = "a sufficiently long password";

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (e instanceof AppError) return e.code;
  if (e instanceof ZodError) return "invalid_input";
  throw new Error(`expected a rejection, got ${String(e)}`);
}

describeDb("users", (t) => {
  const lastAudit = () => t.db.auditEntry.findFirst({ orderBy: { id: "desc" } });
  const sessionVersion = async (id: string) =>
    (await t.db.user.findUniqueOrThrow({ where: { id } })).sessionVersion;
  /** An account the admin creates, with the test's password. */
  const addUser = (email: string, name: string, role: string) =>
    createUser({ email, name, role, password: pw }, ADMIN, t.db);

  it("creates a user, audits who did it, and never returns the password hash", async () => {
    const u = await addUser("  Eve@Example.TEST ", "Eve", "manager");
    expect(u).toMatchObject({
      email: "eve@example.test",
      name: "Eve",
      role: "manager",
      status: "active",
    });
    expect(Object.keys(u)).not.toContain("passwordHash");
    expect(await lastAudit()).toMatchObject({
      action: "user.created",
      actorType: "user",
      actorId: ADMIN.id,
      actorLabel: ADMIN.label,
      targetType: "user",
      targetId: u.id,
      details: { email: "eve@example.test", role: "manager" },
    });
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a duplicate email (case-insensitively) as a conflict and writes nothing", async () => {
    const users = await t.db.user.count();
    const audits = await t.db.auditEntry.count();
    expect(
      await codeOf(
        createUser(
          { email: "EVE@example.test", name: "Eve 2", role: "viewer", password: pw },
          ADMIN,
          t.db,
        ),
      ),
    ).toBe("conflict");
    expect(await t.db.user.count()).toBe(users);
    expect(await t.db.auditEntry.count()).toBe(audits);
  });

  it("refuses invalid input before touching the database", async () => {
    expect(
      await codeOf(
        createUser({ email: "not-an-email", name: "X", role: "viewer", password: pw }, ADMIN, t.db),
      ),
    ).toBe("invalid_input");
    expect(
      await codeOf(
        createUser({ email: "x@example.test", name: "X", role: "root", password: pw }, ADMIN, t.db),
      ),
    ).toBe("invalid_input");
    expect(
      await codeOf(
        createUser(
          { email: "x@example.test", name: "X", role: "viewer", password: "short" },
          ADMIN,
          t.db,
        ),
      ),
    ).toBe("invalid_input");
    expect(await t.db.user.count({ where: { email: "x@example.test" } })).toBe(0);
  });

  it("a role change is audited and ends the user's sessions (sessionVersion bump)", async () => {
    const u = await addUser("finn@example.test", "Finn", "viewer");
    const v = await sessionVersion(u.id);
    const updated = await updateUser(u.id, { role: "responder" }, ADMIN, t.db);
    expect(updated.role).toBe("responder");
    expect(await sessionVersion(u.id)).toBe(v + 1);
    expect(await lastAudit()).toMatchObject({
      action: "user.role_changed",
      actorId: ADMIN.id,
      targetId: u.id,
      details: { email: "finn@example.test", from: "viewer", to: "responder" },
    });
  });

  it("disabling is audited, stamps disabledAt and bumps sessionVersion; enabling clears it", async () => {
    const u = await addUser("gus@example.test", "Gus", "responder");
    const v = await sessionVersion(u.id);
    const disabled = await updateUser(u.id, { status: "disabled" }, ADMIN, t.db);
    expect(disabled.status).toBe("disabled");
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(await sessionVersion(u.id)).toBe(v + 1);
    expect(await lastAudit()).toMatchObject({ action: "user.disabled", targetId: u.id });

    const enabled = await updateUser(u.id, { status: "active" }, ADMIN, t.db);
    expect(enabled).toMatchObject({ status: "active", disabledAt: null });
    expect(await lastAudit()).toMatchObject({ action: "user.enabled", targetId: u.id });
  });

  it("the last active admin can be neither demoted nor disabled, and the refusal changes nothing", async () => {
    // Start from a known state: no active admin but the one created here.
    await t.db.user.updateMany({ where: { role: "admin" }, data: { role: "viewer" } });
    const a = await addUser("admin-a@example.test", "A", "admin");
    const v = await sessionVersion(a.id);
    const audits = await t.db.auditEntry.count();

    expect(await codeOf(updateUser(a.id, { role: "manager" }, ADMIN, t.db))).toBe("conflict");
    expect(await codeOf(updateUser(a.id, { status: "disabled" }, ADMIN, t.db))).toBe("conflict");
    expect(await t.db.user.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      role: "admin",
      status: "active",
      sessionVersion: v,
    });
    expect(await t.db.auditEntry.count()).toBe(audits);

    // With a second admin, the first may step down; then the second is the last one.
    const b = await addUser("admin-b@example.test", "B", "admin");
    expect((await updateUser(a.id, { role: "manager" }, ADMIN, t.db)).role).toBe("manager");
    expect(await codeOf(updateUser(b.id, { status: "disabled" }, ADMIN, t.db))).toBe("conflict");
    // A disabled admin does not count as the spare one.
    const c = await addUser("admin-c@example.test", "C", "admin");
    await updateUser(c.id, { status: "disabled" }, ADMIN, t.db);
    expect(await codeOf(updateUser(b.id, { role: "viewer" }, ADMIN, t.db))).toBe("conflict");
  });

  it("an unknown user is not_found and an empty change is invalid", async () => {
    expect(
      await codeOf(
        updateUser("00000000-0000-4000-8000-00000000dead", { role: "viewer" }, ADMIN, t.db),
      ),
    ).toBe("not_found");
    const u = await addUser("hal@example.test", "Hal", "viewer");
    expect(await codeOf(updateUser(u.id, {}, ADMIN, t.db))).toBe("invalid_input");
  });

  it("every change above left an intact audit chain", async () => {
    expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  });
});
