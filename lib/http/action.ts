import "server-only";
import crypto from "node:crypto";
import { getSessionUser, type SessionUser } from "../auth/current-user.ts";
import { actorOfUser, type UserActor } from "../audit/actor.ts";
import { can, type Permission } from "../auth/permissions.ts";
import { AppError } from "../errors/app-error.ts";
import { toAppError } from "./to-app-error.ts";
import { logger } from "../log.ts";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; fieldErrors?: Record<string, string> } };

function failure(e: unknown): ActionResult<never> {
  const known = toAppError(e);
  if (!known) {
    const requestId = crypto.randomUUID();
    logger.error("unhandled error in server action", { requestId, error: e });
    return { ok: false, error: { code: "internal", message: `Something went wrong (request ${requestId}).` } };
  }
  const fieldErrors = known.errors ? Object.fromEntries(known.errors.map((f) => [f.path, f.message])) : undefined;
  return { ok: false, error: { code: known.code, message: known.message, fieldErrors } };
}

/** What an action is handed: the user and the actor built from them, as withUser hands a route. */
export type ActionContext = { user: SessionUser; actor: UserActor };

/** The authenticated action client: every server action that needs a user goes through it,
 *  because a "use server" export is a public endpoint whatever page it sits on. */
export function userAction<A extends unknown[], T>(permission: Permission, fn: (ctx: ActionContext, ...args: A) => Promise<T>) {
  return async (...args: A): Promise<ActionResult<T>> => {
    try {
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
      if (!can(user.role, permission)) throw new AppError("forbidden", `Your role (${user.role}) does not allow this.`);
      return { ok: true, data: await fn({ user, actor: actorOfUser(user) }, ...args) };
    } catch (e) {
      return failure(e);
    }
  };
}

/** For the few actions that run before sign-in (login, first-run setup). */
export function publicAction<A extends unknown[], T>(fn: (...args: A) => Promise<T>) {
  return async (...args: A): Promise<ActionResult<T>> => {
    try {
      return { ok: true, data: await fn(...args) };
    } catch (e) {
      // Next's redirect() works by throwing; let it through.
      if (e && typeof e === "object" && "digest" in e && String((e as { digest: unknown }).digest).startsWith("NEXT_REDIRECT")) throw e;
      return failure(e);
    }
  };
}
