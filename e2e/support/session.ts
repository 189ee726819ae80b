// Signing in through next-auth's own HTTP API (the same requests a browser form makes),
// so specs start signed in without clicking through the login page every time.
import { type APIRequestContext, request } from "@playwright/test";

export const baseURL = () => process.env.E2E_BASE_URL ?? "http://127.0.0.1:3200";
export const SESSION_COOKIE = "bw.session"; // plain http in tests, so not the __Host- name

export type Credentials = { email: string; password: string };

export const adminCredentials = (): Credentials => ({
  email: process.env.E2E_ADMIN_EMAIL!,
  password: process.env.E2E_ADMIN_PASSWORD!,
});

/**
 * An API request context for tests. Every request goes on a fresh connection: a context that
 * sits idle longer than the server's keep-alive timeout (5 s in Node) and then reuses the
 * pooled socket can send just as the server closes it, and the request dies with ECONNRESET
 * (seen once as a failed user creation through the per-worker admin session).
 */
export function apiContext(opts: Parameters<typeof request.newContext>[0] = {}) {
  return request.newContext({
    baseURL: baseURL(),
    ...opts,
    extraHTTPHeaders: { ...opts.extraHTTPHeaders, connection: "close" },
  });
}

/** POSTs the credentials form; returns the raw response (302 on success or failure, 429 when limited). */
export async function postCredentials(api: APIRequestContext, c: Credentials) {
  const csrf = await api.get("/api/auth/csrf");
  if (!csrf.ok()) throw new Error(`GET /api/auth/csrf answered ${csrf.status()}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return api.post("/api/auth/callback/credentials", {
    form: {
      csrfToken,
      email: c.email,
      password: c.password,
      callbackUrl: `${baseURL()}/incidents`,
    },
    maxRedirects: 0,
  });
}

/** A request context holding a fresh session for these credentials; throws if sign-in fails. */
export async function signIn(c: Credentials): Promise<APIRequestContext> {
  const api = await apiContext();
  const res = await postCredentials(api, c);
  const state = await api.storageState();
  if (!state.cookies.some((k) => k.name === SESSION_COOKIE)) {
    const status = res.status();
    await api.dispose();
    throw new Error(`sign-in as ${c.email} failed (HTTP ${status}, no session cookie)`);
  }
  return api;
}

/** The session cookie value of a signed-in context (for requests that must not share a jar). */
export async function sessionCookie(api: APIRequestContext): Promise<string> {
  const c = (await api.storageState()).cookies.find((k) => k.name === SESSION_COOKIE);
  if (!c) throw new Error("no session cookie in this context");
  return c.value;
}
