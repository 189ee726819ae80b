// Role-appropriate navigation, and a viewer kept out of admin pages and APIs.
import { expect, test } from "@playwright/test";
import { browserAs, createUser } from "./support/factories.ts";

test("a viewer sees no Settings or Audit, and gets 403 on admin pages and APIs", async ({
  browser,
}) => {
  const viewer = await createUser("viewer", { name: "Vic Viewer" });
  const ctx = await browserAs(browser, viewer);
  const page = await ctx.newPage();

  await page.goto("/incidents");
  await expect(page.getByTestId("current-role")).toHaveText("viewer");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Incidents", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit", exact: true })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Settings", exact: true })).toHaveCount(0);

  for (const path of ["/settings", "/settings/users", "/audit"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "403 — not for your role" })).toBeVisible();
  }

  const users = await page.request.get("/api/v1/users");
  expect(users.status()).toBe(403);
  expect(users.headers()["content-type"]).toContain("application/problem+json");
  expect((await users.json()).requestId).toEqual(expect.any(String));
  const create = await page.request.post("/api/v1/users", {
    data: { email: "x@example.com", name: "x", role: "admin", password: "a-long-enough-password" },
  });
  expect(create.status()).toBe(403);
  await ctx.close();
});

test("a manager sees Audit but not Settings", async ({ browser }) => {
  const manager = await createUser("manager");
  const ctx = await browserAs(browser, manager);
  const page = await ctx.newPage();
  await page.goto("/incidents");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Audit", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings", exact: true })).toHaveCount(0);
  await nav.getByRole("link", { name: "Audit", exact: true }).click();
  await expect(page).toHaveURL(/\/audit$/);
  expect((await page.request.get("/api/v1/audit/verify")).status()).toBe(200);
  await ctx.close();
});

test("the login page signs in with the right password and keeps the requested page", async ({
  page,
}) => {
  const responder = await createUser("responder", { name: "Rita Responder" });
  await page.goto("/hosts");
  await expect(page).toHaveURL(/\/login\?next=%2Fhosts$/);
  await page.getByLabel("Email").fill(responder.email);
  await page.getByLabel("Password").fill(responder.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/hosts$/);
  await expect(page.getByTestId("current-user")).toHaveText("Rita Responder");
});
