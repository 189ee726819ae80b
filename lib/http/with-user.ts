import "server-only";
import crypto from "node:crypto";
import type { NextRequest } from "next/server";
import { actorOfUser, type UserActor } from "../audit/actor.ts";
import { getSessionUser, type SessionUser } from "../auth/current-user.ts";
import { can, type Permission } from "../auth/permissions.ts";
import { AppError } from "../errors/app-error.ts";
import { errorResponse } from "./problem.ts";
import { routeParams } from "./route-params.ts";
import { assertSameOrigin } from "./same-origin.ts";

/** `actor` is who the audit log, timeline and custody name for this request: handlers pass it
 *  down rather than build one, so every route labels the same person the same way. */
export type UserContext<P> = { user: SessionUser; actor: UserActor; params: P; requestId: string };
type RouteContext<P> = { params: Promise<P> };

/** The one wrapper for user-facing route handlers: session → active user → permission.
 *  It is the boundary; middleware never is (CVE-2025-29927). */
export function withUser<P = Record<string, string>>(
  handler: (req: NextRequest, ctx: UserContext<P>) => Promise<Response>,
  opts: { permission: Permission },
) {
  return async (req: NextRequest, route: RouteContext<P>): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      assertSameOrigin(req);
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
      if (!can(user.role, opts.permission)) {
        throw new AppError("forbidden", `Your role (${user.role}) does not allow this.`);
      }
      const params = await routeParams(route);
      const res = await handler(req, { user, actor: actorOfUser(user), params, requestId });
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
