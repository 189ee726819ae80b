// Sessions end when they must: a disabled user or a role change on the next request (the
// server runs with BREAKWATER_SESSION_RECHECK_SECONDS=0), and the 30-minute idle and 12-hour
// absolute limits. For the clock-based limits we take the server's own session cookie,
// decrypt it with the run's AUTH_SECRET, move its timestamps into the past, and re-encrypt
// it — exactly the cookie a browser would hold after that much time. An unmodified
// re-encryption is the control: it must still work, so the test can tell the difference.
import { type BrowserContext, expect, test } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { browserAs, createUser, updateUser } from "./support/factories.ts";
import { baseURL, SESSION_COOKIE } from "./support/session.ts";

test("a disabled user's next request bounces to the login page", async ({ browser }) => {
  const user = await createUser("responder");
  const ctx = await browserAs(browser, user);
  const page = await ctx.newPage();
  await page.goto("/incidents");
  await expect(page.getByTestId("current-role")).toHaveText("responder");

  await updateUser(user.id, { status: "disabled" });
  // The open page's own polling learns it first: it says so in place and stays put (it
  // used to navigate to /login by itself, racing whatever the person did next).
  await expect(page.getByTestId("session-ended")).toBeVisible();
  await expect(
    page.getByTestId("session-ended").getByRole("link", { name: "Sign in again" }),
  ).toHaveAttribute("href", "/login?next=%2Fincidents");
  await expect(page).toHaveURL(/\/incidents$/);
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/login\?next=%2Fincidents$/);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);

  // And they cannot simply sign in again.
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByText("Wrong email or password, or the account is disabled."),
  ).toBeVisible();
  await ctx.close();
});

test("a role change ends the session, and the next sign-in carries the new role", async ({
  browser,
}) => {
  const user = await createUser("viewer");
  const ctx = await browserAs(browser, user);
  const page = await ctx.newPage();
  await page.goto("/incidents");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Audit", exact: true })).toHaveCount(0);

  await updateUser(user.id, { role: "manager" });
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/login\?next=%2Faudit$/);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByTestId("current-role")).toHaveText("manager");
  await expect(nav.getByRole("link", { name: "Audit", exact: true })).toBeVisible();
  await ctx.close();
});

type Claims = {
  uid: string;
  signedInAt: number;
  lastActiveAt: number;
  checkedAt: number;
  [k: string]: unknown;
};

async function readSession(ctx: BrowserContext): Promise<Claims> {
  const cookie = (await ctx.cookies()).find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error("no session cookie");
  const claims = await decode({
    token: cookie.value,
    secret: process.env.E2E_AUTH_SECRET!,
    salt: SESSION_COOKIE,
  });
  if (!claims?.uid) throw new Error("session cookie did not decode with the run's AUTH_SECRET");
  return claims as unknown as Claims;
}

async function setSession(ctx: BrowserContext, claims: Claims) {
  const value = await encode({
    token: claims,
    secret: process.env.E2E_AUTH_SECRET!,
    salt: SESSION_COOKIE,
    maxAge: 24 * 3600,
  });
  await ctx.addCookies([
    { name: SESSION_COOKIE, value, url: baseURL(), httpOnly: true, sameSite: "Lax" },
  ]);
}

test("idle for 30 minutes or signed in for 12 hours: the session is over", async ({ browser }) => {
  const user = await createUser("viewer");
  const ctx = await browserAs(browser, user);
  const page = await ctx.newPage();
  const original = await readSession(ctx);
  const now = Math.floor(Date.now() / 1000);

  // Control: the same claims re-encrypted, 29 minutes idle, still work.
  await setSession(ctx, { ...original, lastActiveAt: now - 29 * 60, checkedAt: now - 29 * 60 });
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/incidents$/);
  await expect(page.getByTestId("current-role")).toHaveText("viewer");
  // The keep-alive read (what the shell calls on activity) slides the idle window forward.
  const touched = await page.request.get("/api/auth/session");
  expect((await touched.json()).user).toBeTruthy();
  expect((await readSession(ctx)).lastActiveAt).toBeGreaterThanOrEqual(now);

  // 30 minutes and one second without a request.
  await setSession(ctx, {
    ...original,
    lastActiveAt: now - 30 * 60 - 1,
    checkedAt: now - 30 * 60 - 1,
  });
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/login\?next=%2Fincidents$/);

  // Active a second ago, but signed in 12 hours ago.
  await setSession(ctx, {
    ...original,
    signedInAt: now - 12 * 3600,
    lastActiveAt: now - 1,
    checkedAt: now - 1,
  });
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/login\?next=%2Fincidents$/);
  expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  await ctx.close();
});

test("a cookie signed with another secret is not a session", async ({ browser }) => {
  const user = await createUser("viewer");
  const ctx = await browserAs(browser, user);
  const claims = await readSession(ctx);
  const forged = await encode({ token: claims, secret: "x".repeat(43), salt: SESSION_COOKIE });
  await ctx.addCookies([
    { name: SESSION_COOKIE, value: forged, url: baseURL(), httpOnly: true, sameSite: "Lax" },
  ]);
  const page = await ctx.newPage();
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/login/);
  await ctx.close();
});
