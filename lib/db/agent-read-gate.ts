import "server-only";
import { processSingleton } from "../process-singleton.ts";

// Agents' per-request reads (the token lookup on every agent request, the long-poll's
// "anything for me?") queue here in memory rather than at the connection pool, whose wait
// times out after 2 s. A fleet arriving at once — 5,000 agents starting their long-polls
// after a restart or an enrolment wave — otherwise puts thousands of waiters on the pool:
// every one times out into a 503, the agents retry a second later, and the server spends its
// CPU on timeouts and retries while its connections sit idle (measured: 5,000 agents, all
// polls answered 503, no command issued in minutes). Waiting here is cheap and has no
// deadline, and at most MAX_IN_FLIGHT of the pool's 10 connections go to agents' reads, so
// the console, the API, timers and ingest keep theirs. Claims and receipts queue the same way
// in lib/db/group-commit.ts.
const MAX_IN_FLIGHT = 6;

const gate = processSingleton("agentReadGate", () => ({
  inFlight: 0,
  queue: [] as (() => void)[],
}));

export async function agentRead<T>(fn: () => Promise<T>): Promise<T> {
  if (gate.inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => gate.queue.push(r));
  else gate.inFlight++;
  try {
    return await fn();
  } finally {
    // Hand the slot straight to the next waiter, so inFlight never drops and re-rises.
    const next = gate.queue.shift();
    if (next) next();
    else gate.inFlight--;
  }
}
