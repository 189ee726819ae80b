// Failed sign-ins: a clear message in the browser, and the per-account limit as a real
// 429 with Retry-After over HTTP (the server runs with a per-account limit of 5 here).
import { expect, test } from "@playwright/test";
import { createUser } from "./support/factories.ts";
import { apiContext, postCredentials, SESSION_COOKIE } from "./support/session.ts";

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  const user = await createUser("viewer");
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByText("Wrong email or password, or the account is disabled."),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.context().cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(false);
});

test("the per-account login limit answers 429 with Retry-After, even for the right password", async () => {
  const limit = Number(process.env.E2E_LOGIN_MAX_FAILURES_PER_ACCOUNT);
  const user = await createUser("viewer");
  const api = await apiContext();

  for (let i = 0; i < limit; i++) {
    const res = await postCredentials(api, { email: user.email, password: `wrong-${i}` });
    expect(res.status(), `failed attempt ${i + 1}`).toBe(302);
    expect(res.headers()["location"]).toContain("error=CredentialsSignin");
  }
  const limited = await postCredentials(api, user);
  expect(limited.status()).toBe(429);
  const retryAfter = Number(limited.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(3500); // the oldest failure ages out of the 1 h window
  expect(retryAfter).toBeLessThanOrEqual(3600);
  expect(limited.headers()["content-type"]).toContain("application/problem+json");
  const problem = await limited.json();
  expect(problem).toMatchObject({
    status: 429,
    title: "Too many requests",
    requestId: expect.any(String),
  });
  expect((await api.storageState()).cookies.some((c) => c.name === SESSION_COOKIE)).toBe(false);

  // Another account from the same address is unaffected (per-account, not global).
  const other = await createUser("viewer");
  const ok = await postCredentials(api, other);
  expect(ok.status()).toBe(302);
  expect((await api.storageState()).cookies.some((c) => c.name === SESSION_COOKIE)).toBe(true);
  await api.dispose();
});

test("the login page explains the limit once an account is locked out", async ({ page }) => {
  const limit = Number(process.env.E2E_LOGIN_MAX_FAILURES_PER_ACCOUNT);
  const user = await createUser("viewer");
  const api = await apiContext();
  for (let i = 0; i < limit; i++)
    await postCredentials(api, { email: user.email, password: `wrong-${i}` });
  await api.dispose();
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Too many failed sign-in attempts. Try again later.")).toBeVisible();
});
