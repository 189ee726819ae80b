import "server-only";
import crypto from "node:crypto";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { problemResponse } from "./problem.ts";

// Overload answer for agent ingest: at most BREAKWATER_INGEST_MAX_CONCURRENT requests are
// in flight per process; the next one gets 429 + Retry-After at once instead of waiting in
// an unbounded queue (agents keep their events and retry, so refusing costs nothing, while
// queueing would grow memory and latency for everyone). It wraps the auth wrapper, so a
// refused request costs no database round trip. Only the ingest routes count, and they share
// one module graph, so the count is plain module state.
let inFlight = 0;

export function withIngestLimit<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
  max = () => env.BREAKWATER_INGEST_MAX_CONCURRENT,
) {
  return async (...args: A): Promise<Response> => {
    if (inFlight >= max()) {
      return problemResponse(
        new AppError("rate_limited", "The server is busy ingesting other batches; retry shortly.", {
          retryAfterSeconds: 1,
        }),
        crypto.randomUUID(),
      );
    }
    inFlight++;
    try {
      return await handler(...args);
    } finally {
      inFlight--;
    }
  };
}
