// One HTTP call to the Breakwater agent API, classified so the caller knows whether to
// retry (429/503/5xx/network), look at a refusal (other 4xx) or stop (401). Whether a
// refusal is final for what was sent depends on the endpoint: for events see
// event-refusal.ts (only 400/413/422 can be; a 409 never is).
import { API_BASE, type Problem, problemSchema } from "../lib/protocol/api.ts";

export type CallOutcome<T = unknown> =
  | { kind: "ok"; status: number; body: T; ms: number }
  /** Try again later: 429, 503, any other 5xx, timeouts and network errors. */
  | {
      kind: "retry";
      status: number | null;
      retryAfterMs: number | null;
      reason: string;
      ms: number;
    }
  /** The server refused this request (4xx other than 401/429); the caller decides whether for good. */
  | { kind: "rejected"; status: number; problem: Problem | null; ms: number }
  /** The credential is unknown or revoked. */
  | { kind: "unauthenticated"; status: 401; problem: Problem | null; ms: number };

/** `signal`: the caller stopping (the agent shutting down, a drill ending its fleet) cancels a
 *  request in flight, answered as a retry: every agent call is idempotent, so what it carried
 *  (queued events, an outbox receipt) is simply sent again by the next run. */
export type HttpOptions = {
  server: string;
  token?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
};

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function apiUrl(server: string, path: string): string {
  return server.replace(/\/+$/, "") + API_BASE + path;
}

export async function callAgentApi<T = unknown>(
  opts: HttpOptions,
  method: "GET" | "POST" | "PUT",
  path: string,
  body?: unknown,
  /** Pre-serialised body (the queue already holds JSON; avoids a second stringify). */
  rawBody?: string,
): Promise<CallOutcome<T>> {
  const started = performance.now();
  const ms = () => performance.now() - started;
  const headers: Record<string, string> = { accept: "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  try {
    res = await fetch(apiUrl(opts.server, path), {
      method,
      headers,
      body: payload,
      signal: opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout,
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    return {
      kind: "retry",
      status: null,
      retryAfterMs: null,
      reason: err.cause?.code ?? err.name ?? "network error",
      ms: ms(),
    };
  }
  let text = "";
  try {
    text = await res.text();
  } catch (e) {
    // The connection died mid-body: we do not know what the server did, so retry
    // (safe: every agent call is idempotent by design).
    return {
      kind: "retry",
      status: res.status,
      retryAfterMs: null,
      reason: `body read failed: ${(e as Error).message}`,
      ms: ms(),
    };
  }
  const parsed = safeJson(text);
  if (res.ok) return { kind: "ok", status: res.status, body: parsed as T, ms: ms() };
  const problem = problemSchema.safeParse(parsed).success ? (parsed as Problem) : null;
  if (res.status === 429 || res.status >= 500) {
    return {
      kind: "retry",
      status: res.status,
      retryAfterMs: parseRetryAfter(res.headers.get("retry-after")),
      reason: problem?.detail ?? `HTTP ${res.status}`,
      ms: ms(),
    };
  }
  if (res.status === 401) return { kind: "unauthenticated", status: 401, problem, ms: ms() };
  return { kind: "rejected", status: res.status, problem, ms: ms() };
}

function safeJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
