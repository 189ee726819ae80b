import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { createUser } from "../users/create-user.ts";
import { signInWithOidc } from "./sign-in-with-oidc.ts";

const CLI = { type: "system", label: "test" } as const;
const IP = "203.0.113.40";

describeDb("OIDC sign-in linking rules", (t) => {
  const admin = () =>
    createUser(
      {
        email: `admin-${Math.random().toString(36).slice(2)}@example.test`,
        name: "Admin",
        role: "admin",
        password: "correct horse battery",
      },
      CLI,
      t.db,
    );
  const lastEntry = () => t.db.auditEntry.findFirst({ orderBy: { id: "desc" } });

  it("never links by an unverified email: the admin's account stays unbound and nobody signs in", async () => {
    const a = await admin();
    for (const emailVerified of [undefined, false, "true", 1]) {
      const r = await signInWithOidc(
        { subject: "attacker-1", email: a.email.toUpperCase(), emailVerified, name: "Mallory" },
        IP,
      );
      expect(r).toEqual({ ok: false, reason: "oidc_email_unverified" });
    }
    expect((await t.db.user.findUniqueOrThrow({ where: { id: a.id } })).oidcSubject).toBeNull();
    expect(await lastEntry()).toMatchObject({
      action: "auth.login_failed",
      details: { reason: "oidc_email_unverified", subject: "attacker-1", ip: IP, method: "oidc" },
    });
    // Nor does an unverified address create a new account that would claim it.
    expect(
      await signInWithOidc(
        { subject: "nobody-1", email: "new-unverified@example.test", emailVerified: false },
        IP,
      ),
    ).toEqual({ ok: false, reason: "oidc_email_unverified" });
    expect(await t.db.user.count({ where: { email: "new-unverified@example.test" } })).toBe(0);
  });

  it("links a verified email once, audits the link, and then signs in by subject alone", async () => {
    const a = await admin();
    const r = await signInWithOidc(
      { subject: "sub-admin", email: a.email, emailVerified: true },
      IP,
    );
    expect(r).toEqual({
      ok: true,
      user: { id: a.id, email: a.email, name: "Admin", role: "admin", sessionVersion: 1 },
    });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: a.id } })).oidcSubject).toBe(
      "sub-admin",
    );
    const link = await t.db.auditEntry.findFirstOrThrow({
      where: { action: "user.oidc_linked", targetId: a.id },
    });
    expect(link.details).toMatchObject({ subject: "sub-admin", email: a.email, ip: IP });

    // The subject is the identity: a changed (or even unverified) email at the provider does not matter.
    const again = await signInWithOidc(
      { subject: "sub-admin", email: "renamed@example.test", emailVerified: false },
      IP,
    );
    expect(again.ok && again.user.id).toBe(a.id);
    expect(await lastEntry()).toMatchObject({
      action: "auth.login",
      actorId: a.id,
      details: { ip: IP, method: "oidc" },
    });
  });

  it("refuses a verified email that belongs to a user bound to another subject", async () => {
    const a = await admin();
    expect(
      (await signInWithOidc({ subject: "sub-real", email: a.email, emailVerified: true }, IP)).ok,
    ).toBe(true);
    const r = await signInWithOidc(
      { subject: "sub-other-idp-account", email: a.email, emailVerified: true },
      IP,
    );
    expect(r).toEqual({ ok: false, reason: "oidc_subject_mismatch" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: a.id } })).oidcSubject).toBe(
      "sub-real",
    );
    expect(await lastEntry()).toMatchObject({
      action: "auth.login_failed",
      targetId: a.id,
      details: { reason: "oidc_subject_mismatch", subject: "sub-other-idp-account" },
    });
  });

  it("creates a new person with the default role from a verified email, and audits the subject", async () => {
    const r = await signInWithOidc(
      {
        subject: "sub-new",
        email: "New.Person@example.test",
        emailVerified: true,
        name: "New Person",
      },
      IP,
    );
    expect(r.ok).toBe(true);
    const u = await t.db.user.findUniqueOrThrow({ where: { email: "new.person@example.test" } });
    expect(u).toMatchObject({ oidcSubject: "sub-new", role: "viewer", name: "New Person" });
    expect(
      await t.db.auditEntry.findFirstOrThrow({ where: { action: "user.created", targetId: u.id } }),
    ).toMatchObject({ details: { via: "oidc", subject: "sub-new" } });
  });

  it("refuses an identity with no email and no bound user, and a disabled user", async () => {
    expect(await signInWithOidc({ subject: "sub-anon" }, IP)).toEqual({
      ok: false,
      reason: "oidc_no_email",
    });
    const a = await admin();
    await signInWithOidc({ subject: "sub-gone", email: a.email, emailVerified: true }, IP);
    await t.db.user.update({ where: { id: a.id }, data: { status: "disabled" } });
    expect(await signInWithOidc({ subject: "sub-gone" }, IP)).toEqual({
      ok: false,
      reason: "oidc_disabled",
    });
    expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  });
});
