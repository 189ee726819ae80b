import "server-only";
import { z } from "zod";
import { actorOfUser, systemActor } from "../audit/actor.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { getDb } from "../db/index.ts";
import { verifyPassword } from "./password.ts";
import type { Role } from "./permissions.ts";
import { assertLoginAllowed } from "./rate-limit-login.ts";

export const credentialsInput = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

export type SignedInUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
};

/** Checks a password sign-in. Throws AppError("rate_limited") when over the limit; returns
 *  null for any other failure so the caller cannot tell a wrong email from a wrong password. */
export async function signInWithPassword(raw: unknown, ip: string): Promise<SignedInUser | null> {
  const parsed = credentialsInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const db = await getDb();
  await assertLoginAllowed(email, ip, db);
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      status: true,
      sessionVersion: true,
      passwordHash: true,
    },
  });
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok || user.status !== "active") {
    await db.$transaction(async (tx) => {
      await tx.loginFailure.create({ data: { email, ip } });
      await appendAudit(tx, {
        actor: systemActor("auth"),
        action: "auth.login_failed",
        target: user ? { type: "user", id: user.id } : undefined,
        details: {
          email,
          ip,
          reason: !user ? "unknown_account" : !ok ? "bad_password" : "disabled",
        },
      });
    });
    return null;
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await appendAudit(tx, {
      actor: actorOfUser(user),
      action: "auth.login",
      target: { type: "user", id: user.id },
      details: { ip, method: "password" },
    });
  });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}
