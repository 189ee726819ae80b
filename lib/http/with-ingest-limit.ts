import "server-only";
import crypto from "node:crypto";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { problemResponse } from "./problem.ts";
import { agentReply } from "./with-agent.ts";

// Overload answer for agent ingest. Two limits per process:
// - `running`: batches that may hold a database connection at once. It stays below the pool
//   size (BREAKWATER_DB_POOL_SIZE − RESERVED_CONNECTIONS): a restart into a fleet's backlog
//   once filled all ten connections with ingest transactions, and /api/health, the timer
//   loop and the console queued behind them until the load balancer gave up on the instance.
// - `admitted`: batches running or waiting for a running slot (BREAKWATER_INGEST_MAX_CONCURRENT).
//   The next one gets 429 + Retry-After at once instead of waiting in an unbounded queue
//   (agents keep their events and retry, so refusing costs nothing, while queueing would grow
//   memory and latency for everyone).
// It wraps the auth wrapper, so a refused request costs no database round trip and a waiting
// one holds no connection. Only the ingest routes count, and they share one module graph, so
// the counts are plain module state.
export const RESERVED_CONNECTIONS = 4;

export type IngestLimits = { admitted: number; running: number };

export const ingestLimits = (): IngestLimits => {
  const admitted = env.BREAKWATER_INGEST_MAX_CONCURRENT;
  return {
    admitted,
    running: Math.min(admitted, env.BREAKWATER_DB_POOL_SIZE - RESERVED_CONNECTIONS),
  };
};

let admitted = 0;
let running = 0;
const waiting: (() => void)[] = [];

async function takeRunningSlot(max: number) {
  if (running < max) {
    running++;
    return;
  }
  // The slot is handed over by the batch that finishes (`running` does not drop in between).
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function giveBackRunningSlot() {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

export function withIngestLimit<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
  limits: () => IngestLimits = ingestLimits,
) {
  return async (...args: A): Promise<Response> => {
    const max = limits();
    if (admitted >= max.admitted) {
      // Under overload these are most of the replies: uncompressed like every agent reply.
      const requestId = crypto.randomUUID();
      return agentReply(
        problemResponse(
          new AppError(
            "rate_limited",
            "The server is busy ingesting other batches; retry shortly.",
            {
              retryAfterSeconds: 1,
            },
          ),
          requestId,
        ),
        requestId,
      );
    }
    admitted++;
    try {
      await takeRunningSlot(max.running);
      try {
        return await handler(...args);
      } finally {
        giveBackRunningSlot();
      }
    } finally {
      admitted--;
    }
  };
}
