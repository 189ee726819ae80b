import "server-only";
import crypto from "node:crypto";
import type { NextRequest } from "next/server";
import { actorOfApiToken, actorOfUser, type UserActor } from "../audit/actor.ts";
import { API_TOKEN_PATTERN } from "../auth/api-token-secret.ts";
import { findUserByApiToken } from "../auth/authenticate-api-token.ts";
import { getSessionUser, type SessionUser } from "../auth/current-user.ts";
import { type Permission, userCan } from "../auth/permissions.ts";
import { AppError } from "../errors/app-error.ts";
import { errorResponse } from "./problem.ts";
import { routeParams } from "./route-params.ts";
import { assertSameOrigin } from "./same-origin.ts";

/** `actor` is who the audit log, timeline and custody name for this request: handlers pass it
 *  down rather than build one, so every route labels the same person the same way. */
export type UserContext<P> = { user: SessionUser; actor: UserActor; params: P; requestId: string };
type RouteContext<P> = { params: Promise<P> };

/** Who is asking: an `Authorization: Bearer` API token when the request carries one (the
 *  session cookie is then ignored, so a script's rights never depend on a browser's), else
 *  the session. Any other bearer credential — a host token above all — is a 401 here; other
 *  schemes (a proxy's Basic auth) are not ours and leave the session to decide. */
async function authenticateUser(req: Request): Promise<{ user: SessionUser; actor: UserActor }> {
  const header = req.headers.get("authorization") ?? "";
  if (/^bearer(\s|$)/i.test(header)) {
    const m = /^bearer\s+(\S+)\s*$/i.exec(header);
    if (!m || !API_TOKEN_PATTERN.test(m[1]))
      throw new AppError("unauthenticated", "Authorization: Bearer takes an API token (bwu_…).");
    const found = await findUserByApiToken(m[1]);
    if (!found) throw new AppError("unauthenticated", "Unknown, expired or revoked API token.");
    return { user: found.user, actor: actorOfApiToken(found.user, found.token) };
  }
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  return { user, actor: actorOfUser(user) };
}

/** The one wrapper for user-facing route handlers: session or API token → active user →
 *  permission (the role's, and the token's scopes). It is the boundary; middleware never is
 *  (CVE-2025-29927). */
export function withUser<P = Record<string, string>>(
  handler: (req: NextRequest, ctx: UserContext<P>) => Promise<Response>,
  opts: { permission: Permission },
) {
  return async (req: NextRequest, route: RouteContext<P>): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      assertSameOrigin(req);
      const { user, actor } = await authenticateUser(req);
      if (!userCan(user, opts.permission)) {
        throw new AppError(
          "forbidden",
          user.scopes
            ? `This API token (or its owner's role, ${user.role}) does not allow ${opts.permission}.`
            : `Your role (${user.role}) does not allow this.`,
        );
      }
      const params = await routeParams(route);
      const res = await handler(req, { user, actor, params, requestId });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}

export const json = (data: unknown, init?: ResponseInit) =>
  Response.json(data, {
    ...init,
    headers: { "cache-control": "no-store", ...(init?.headers ?? {}) },
  });
