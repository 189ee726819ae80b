import "server-only";
import crypto from "node:crypto";
import type { NextRequest } from "next/server";
import { getSessionUser, type SessionUser } from "../auth/current-user.ts";
import { can, type Permission } from "../auth/permissions.ts";
import { AppError } from "./app-error.ts";
import { errorResponse } from "./problem.ts";

export type UserContext<P> = { user: SessionUser; params: P; requestId: string };
type RouteContext<P> = { params: Promise<P> };

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** The one wrapper for user-facing route handlers: session → active user → permission.
 *  It is the boundary; middleware never is (CVE-2025-29927). */
export function withUser<P = Record<string, string>>(
  handler: (req: NextRequest, ctx: UserContext<P>) => Promise<Response>,
  opts: { permission: Permission },
) {
  return async (req: NextRequest, route: RouteContext<P>): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      // Cookies ride along on cross-site requests; a write from another origin is refused.
      if (!SAFE.has(req.method)) {
        const origin = req.headers.get("origin");
        if (origin && new URL(origin).host !== req.headers.get("host")) {
          throw new AppError("forbidden", "Cross-origin requests are not allowed.");
        }
      }
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
      if (!can(user.role, opts.permission)) {
        throw new AppError("forbidden", `Your role (${user.role}) does not allow this.`);
      }
      const params = (await route?.params) ?? ({} as P);
      const res = await handler(req, { user, params, requestId });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}

/** Reads and size-checks a JSON body; malformed JSON is a 400, not a 500. */
export async function readJson(req: Request, maxBytes = 1 << 20): Promise<unknown> {
  const len = Number(req.headers.get("content-length") ?? "0");
  if (len > maxBytes) throw new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes.`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes.`);
  if (!text) throw new AppError("invalid_input", "A JSON body is required.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The body is not valid JSON.");
  }
}

export const json = (data: unknown, init?: ResponseInit) =>
  Response.json(data, { ...init, headers: { "cache-control": "no-store", ...(init?.headers ?? {}) } });
