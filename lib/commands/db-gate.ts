import "server-only";

// The long-poll's "anything for me?" read queues here in memory rather than at the
// connection pool, whose wait times out after 2 s: a burst of 1,000 long-polls arriving at
// once (a fleet reconnecting) would otherwise turn into 503s. Waiting here is cheap. Claims
// and receipts themselves queue the same way in lib/db/group-commit.ts.
const MAX_IN_FLIGHT = 6;
let inFlight = 0;
const queue: (() => void)[] = [];

export async function gated<T>(fn: () => Promise<T>): Promise<T> {
  if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => queue.push(r));
  else inFlight++;
  try {
    return await fn();
  } finally {
    const next = queue.shift();
    if (next) next();
    else inFlight--;
  }
}
