import { AppError, ERROR_TITLE, type ErrorCode } from "../errors/app-error.ts";
import { toAppError } from "../errors/to-app-error.ts";
import { logger } from "../log.ts";
import { telemetry } from "../telemetry.ts";

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId: string;
  errors?: { path: string; message: string }[];
  [k: string]: unknown;
};

export function problemBody(err: AppError, requestId: string): Problem {
  return {
    type: `https://breakwater.dev/problems/${err.code}`,
    title: ERROR_TITLE[err.code as ErrorCode],
    status: err.status,
    detail: err.message,
    requestId,
    ...(err.errors ? { errors: err.errors } : {}),
    ...(err.extra ?? {}),
  };
}

export function problemResponse(err: AppError, requestId: string, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/problem+json");
  h.set("x-request-id", requestId);
  h.set("cache-control", "no-store");
  if (err.retryAfterSeconds !== undefined)
    h.set("retry-after", String(Math.ceil(err.retryAfterSeconds)));
  // Every problem answer passes here, so this is the one place overload is counted.
  if (err.status === 429 || err.status === 503)
    telemetry.refusals.inc({ status: String(err.status) });
  return new Response(JSON.stringify(problemBody(err, requestId)), {
    status: err.status,
    headers: h,
  });
}

/** Maps anything thrown to problem+json. Unknown errors are logged with their cause and
 *  answered generically: no message, stack or SQL ever reaches the client. */
export function errorResponse(e: unknown, requestId: string): Response {
  const known = toAppError(e);
  if (known) {
    if (known.code === "unavailable")
      logger.warn("database unavailable", { requestId, cause: String(known.cause) });
    return problemResponse(known, requestId);
  }
  logger.error("unhandled error", { requestId, error: e });
  return problemResponse(
    new AppError(
      "internal",
      "An unexpected error occurred. Quote the request id when reporting it.",
    ),
    requestId,
  );
}
