import "server-only";
import crypto from "node:crypto";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { errorResponse } from "./problem.ts";

const digest = (s: string) => crypto.createHash("sha256").update(s).digest();

/** The wrapper for GET /api/metrics: only BREAKWATER_METRICS_TOKEN opens it (a scraper is
 *  neither a person nor a host, so sessions and host tokens are ignored). Unset, the
 *  endpoint does not exist (404): nobody has decided who may read the numbers. */
export function withMetricsToken(handler: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      const token = env.BREAKWATER_METRICS_TOKEN;
      if (!token)
        throw new AppError("not_found", "Metrics are off (set BREAKWATER_METRICS_TOKEN).");
      const m = /^Bearer\s+(\S{1,512})$/.exec(req.headers.get("authorization") ?? "");
      // Compared as digests: equal length, constant time, whatever was sent.
      if (!m || !crypto.timingSafeEqual(digest(m[1]), digest(token)))
        throw new AppError(
          "unauthenticated",
          "The metrics token is required (Authorization: Bearer …).",
        );
      const res = await handler(req);
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}
