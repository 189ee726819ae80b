import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "../db/index.ts";
import { auth } from "./auth.ts";
import { can, type Permission, type Role } from "./permissions.ts";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Set only on a request made with an API token: what that token may do (see userCan). */
  scopes?: readonly Permission[];
};

/** The signed-in user, re-read from the database on every request: a disabled account or
 *  a changed session version stops working at once, not only at the next token recheck. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as { user?: { id?: string }; sessionVersion?: number } | null;
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, status: true, sessionVersion: true },
  });
  if (!user || user.status !== "active" || user.sessionVersion !== session.sessionVersion)
    return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For page.tsx: sends strangers to the login page and answers 403 to the wrong role. */
export async function requirePageUser(
  permission: Permission,
  nextPath?: string,
): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(nextPath ? `/login?next=${encodeURIComponent(nextPath)}` : "/login");
  if (!can(user.role, permission)) forbidden();
  return user;
}
