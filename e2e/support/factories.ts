// Test data through the public API, as an admin would create it. Every test seeds its own
// users (unique emails), so specs never depend on each other's rows.
import crypto from "node:crypto";
import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import { adminCredentials, baseURL, type Credentials, signIn } from "./session.ts";

export type Role = "admin" | "manager" | "responder" | "viewer";
export type TestUser = Credentials & { id: string; name: string; role: Role };

let admin: Promise<APIRequestContext> | undefined;
/** One admin session per worker, created lazily. */
export const adminApi = () => (admin ??= signIn(adminCredentials()));

export const uniqueEmail = (prefix: string) =>
  `${prefix}-${crypto.randomBytes(5).toString("hex")}@e2e.breakwater.test`;

export async function createUser(role: Role, opts: { name?: string } = {}): Promise<TestUser> {
  const api = await adminApi();
  const email = uniqueEmail(role);
  const password = `pw-${crypto.randomBytes(12).toString("base64url")}`;
  const name = opts.name ?? `E2E ${role}`;
  const res = await api.post("/api/v1/users", { data: { email, name, role, password } });
  if (res.status() !== 201)
    throw new Error(`creating a ${role} answered ${res.status()}: ${await res.text()}`);
  const body = (await res.json()) as { id: string };
  return { id: body.id, email, password, name, role };
}

export async function updateUser(
  id: string,
  patch: { role?: Role; status?: "active" | "disabled" },
) {
  const api = await adminApi();
  const res = await api.patch(`/api/v1/users/${id}`, { data: patch });
  if (res.status() !== 200)
    throw new Error(`PATCH user answered ${res.status()}: ${await res.text()}`);
}

/** A browser context already signed in as this user (storage state from an API sign-in). */
export async function browserAs(browser: Browser, user: Credentials): Promise<BrowserContext> {
  const api = await signIn(user);
  const storageState = await api.storageState();
  await api.dispose();
  return browser.newContext({ baseURL: baseURL(), storageState });
}
