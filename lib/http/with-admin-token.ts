import "server-only";
import crypto from "node:crypto";
import { adminTokenMatches } from "../admin/admin-token.ts";
import { AppError } from "../errors/app-error.ts";
import { errorResponse } from "./problem.ts";

/** The wrapper for the local admin API. Only the server's admin token opens it: session
 *  cookies and host tokens are ignored on purpose, so no user role and no agent can reach
 *  it, whatever middleware did or did not run. */
export function withAdminToken(
  handler: (req: Request, ctx: { requestId: string }) => Promise<Response>,
) {
  return async (req: Request): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      const m = /^Bearer\s+(\S{1,512})$/.exec(req.headers.get("authorization") ?? "");
      if (!m || !adminTokenMatches(m[1])) {
        throw new AppError(
          "unauthenticated",
          "The admin token is required (Authorization: Bearer <data dir>/admin-token).",
        );
      }
      const res = await handler(req, { requestId });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}
