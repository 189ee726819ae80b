import "server-only";
import { z } from "zod";
import { actorOfUser, systemActor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { Db } from "../db/index.ts";
import { inTransaction, type Tx } from "../db/transaction.ts";
import { env } from "../env.ts";
import type { SignedInUser } from "./sign-in-with-password.ts";

/** Why an OIDC sign-in was refused; the login page shows a message for each. */
export type OidcRefusal =
  | "oidc_email_unverified"
  | "oidc_subject_mismatch"
  | "oidc_no_email"
  | "oidc_disabled";
export type OidcSignIn = { ok: true; user: SignedInUser } | { ok: false; reason: OidcRefusal };

export const oidcIdentity = z.object({
  subject: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().email().max(320).nullish().catch(null),
  // Only the boolean `true` counts: a provider that omits the claim, or sends "true" as a
  // string, has not told us the address is verified in the way the spec defines.
  emailVerified: z
    .unknown()
    .optional()
    .transform((v) => v === true),
  name: z.string().max(200).nullish().catch(null),
});
export type OidcIdentity = z.input<typeof oidcIdentity>;

const AUTH = systemActor("auth");

/** Maps an OIDC identity onto a Breakwater user. The subject is the identity: a user bound to
 *  it signs in. An email address only ever links when the provider says it verified it, and
 *  never to a user already bound to another subject — otherwise anyone who can make an
 *  identity-provider account claim an admin's address becomes that admin. Every link, every
 *  new user and every refusal is audited. */
export async function signInWithOidc(raw: OidcIdentity, ip: string, db?: Db): Promise<OidcSignIn> {
  const p = oidcIdentity.parse(raw);
  return inTransaction(db, async (tx) => {
    const refuse = async (reason: OidcRefusal, userId?: string) => {
      await appendAudit(tx, {
        actor: AUTH,
        action: "auth.login_failed",
        ...(userId ? { target: { type: "user", id: userId } } : {}),
        details: { ip, reason, method: "oidc", subject: p.subject, email: p.email ?? null },
      });
      return { ok: false, reason } as const;
    };

    let user = await tx.user.findUnique({ where: { oidcSubject: p.subject } });
    if (!user) {
      if (!p.email) return refuse("oidc_no_email");
      if (!p.emailVerified) return refuse("oidc_email_unverified");
      const byEmail = await tx.user.findUnique({ where: { email: p.email } });
      if (byEmail) {
        if (byEmail.oidcSubject !== null) return refuse("oidc_subject_mismatch", byEmail.id);
        user = await linkSubject(tx, byEmail.id, p.subject, p.email, ip);
        if (!user) return refuse("oidc_subject_mismatch", byEmail.id);
      } else {
        user = await tx.user.create({
          data: {
            email: p.email,
            name: p.name || p.email,
            role: env.AUTH_OIDC_DEFAULT_ROLE,
            oidcSubject: p.subject,
          },
        });
        await appendAudit(tx, {
          actor: AUTH,
          action: "user.created",
          target: { type: "user", id: user.id },
          details: { email: p.email, role: user.role, via: "oidc", subject: p.subject, ip },
        });
      }
    }
    if (user.status !== "active") return refuse("oidc_disabled", user.id);
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await appendAudit(tx, {
      actor: actorOfUser(user),
      action: "auth.login",
      target: { type: "user", id: user.id },
      details: { ip, method: "oidc" },
    });
    return {
      ok: true,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        sessionVersion: user.sessionVersion,
      },
    };
  });
}

// Binds the subject only while the user is still unbound, in the write itself: two first
// sign-ins racing with different subjects cannot both win.
async function linkSubject(tx: Tx, userId: string, subject: string, email: string, ip: string) {
  const { count } = await tx.user.updateMany({
    where: { id: userId, oidcSubject: null },
    data: { oidcSubject: subject },
  });
  if (count !== 1) return null;
  await appendAudit(tx, {
    actor: AUTH,
    action: "user.oidc_linked",
    target: { type: "user", id: userId },
    details: { subject, email, ip, via: "verified_email" },
  });
  return tx.user.findUniqueOrThrow({ where: { id: userId } });
}
