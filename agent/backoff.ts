// Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
// Jitter"): a fleet that lost the server together must not come back in lockstep. A
// server-sent Retry-After is a floor, never shortened by jitter.

export type BackoffPolicy = { baseMs: number; maxMs: number };
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 30_000 };

export function backoffDelay(
  attempt: number,
  retryAfterMs: number | null,
  policy = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 20));
  const jittered = Math.round(random() * cap);
  if (retryAfterMs === null) return Math.max(policy.baseMs / 2, jittered);
  // Honour Retry-After, plus a little jitter so N hosts told "2 s" do not all return at once.
  return retryAfterMs + Math.round(random() * Math.min(1000, retryAfterMs / 4 + policy.baseMs));
}

/** A sleep that an AbortSignal can cut short (shutdown must not wait out a 30 s backoff). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
