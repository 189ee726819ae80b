import "server-only";
import { env } from "../env.ts";
import { AppError } from "../errors/app-error.ts";

// Enrolment is the one unauthenticated agent call, so it is throttled per source IP (slows
// token guessing from one place) and globally (caps the total rate of new hosts). Sliding
// one-minute windows in process memory: cheap on the hot path and good enough per instance;
// with N instances the effective global cap is N× the configured one.
const WINDOW_MS = 60_000;
const MAX_TRACKED_IPS = 50_000;

type Window = number[];
const state = { byIp: new Map<string, Window>(), global: [] as Window };

function prune(w: Window, now: number) {
  while (w.length && w[0] <= now - WINDOW_MS) w.shift();
}

/** Counts an enrolment attempt (successful or not) or throws 429 with Retry-After. */
export function assertEnrollAllowed(
  ip: string,
  now = Date.now(),
  limits = {
    perIp: env.BREAKWATER_ENROLL_PER_MINUTE,
    global: env.BREAKWATER_ENROLL_GLOBAL_PER_MINUTE,
  },
) {
  prune(state.global, now);
  let w: Window | undefined = state.byIp.get(ip);
  if (w) prune(w, now);
  const full: Window | null =
    w && w.length >= limits.perIp ? w : state.global.length >= limits.global ? state.global : null;
  if (full) {
    const retryAfter = Math.max(1, Math.ceil((full[0] + WINDOW_MS - now) / 1000));
    throw new AppError("rate_limited", "Enrolments are arriving too fast; retry later.", {
      retryAfterSeconds: retryAfter,
    });
  }
  if (!w) {
    if (state.byIp.size >= MAX_TRACKED_IPS) {
      for (const [k, v] of state.byIp)
        if (!v.length || v[v.length - 1] <= now - WINDOW_MS) state.byIp.delete(k);
    }
    w = [] as Window;
    state.byIp.set(ip, w);
  }
  w.push(now);
  state.global.push(now);
}

/** Test hook: forget all counted attempts. */
export function resetEnrollRateLimit() {
  state.byIp.clear();
  state.global.length = 0;
}
