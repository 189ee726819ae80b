import "server-only";
import { env } from "../env.ts";
import { getDb } from "../db/index.ts";
import { appendAudit } from "../audit/append-audit.ts";
import type { SignedInUser } from "./sign-in-with-password.ts";

/** Maps an OIDC identity onto a Breakwater user: by subject, else by verified email; a new
 *  person gets AUTH_OIDC_DEFAULT_ROLE. Disabled users are refused. */
export async function signInWithOidc(p: { subject: string; email?: string | null; name?: string | null }, ip: string): Promise<SignedInUser | null> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const email = p.email?.trim().toLowerCase();
    let user =
      (await tx.user.findUnique({ where: { oidcSubject: p.subject } })) ??
      (email ? await tx.user.findUnique({ where: { email } }) : null);
    if (!user) {
      if (!email) return null;
      user = await tx.user.create({
        data: { email, name: p.name || email, role: env.AUTH_OIDC_DEFAULT_ROLE, oidcSubject: p.subject },
      });
      await appendAudit(tx, {
        actor: { type: "system", label: "auth" },
        action: "user.created",
        target: { type: "user", id: user.id },
        details: { email, role: user.role, via: "oidc" },
      });
    } else if (!user.oidcSubject) {
      user = await tx.user.update({ where: { id: user.id }, data: { oidcSubject: p.subject } });
    }
    if (user.status !== "active") {
      await appendAudit(tx, { actor: { type: "system", label: "auth" }, action: "auth.login_failed", target: { type: "user", id: user.id }, details: { ip, reason: "disabled", method: "oidc" } });
      return null;
    }
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await appendAudit(tx, { actor: { type: "user", id: user.id, label: user.email }, action: "auth.login", target: { type: "user", id: user.id }, details: { ip, method: "oidc" } });
    return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
  });
}
