// API tokens and the API reference in a real browser: a responder makes a token (secret shown
// once, copied with the button), a script uses it, revoking it in the page ends it; the
// reference page renders the OpenAPI document with every request outside this server refused.
import { expect, test } from "@playwright/test";
import { browserAs, createUser } from "./support/factories.ts";
import { apiContext, baseURL } from "./support/session.ts";

test("a responder creates a scoped token shown once, a script uses it, and revoking it ends it", async ({
  browser,
}) => {
  const user = await createUser("responder", { name: "Token Maker" });
  const ctx = await browserAs(browser, user);
  await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL() });
  const page = await ctx.newPage();
  await page.goto("/settings/api-tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  // A responder is offered only what a responder holds.
  await expect(page.getByRole("checkbox", { name: "commands:issue" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "users:manage" })).toHaveCount(0);

  await page.getByLabel("Name").fill("e2e script");
  await page.getByRole("checkbox", { name: "incidents:read" }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-api-token").textContent())!;
  expect(secret).toMatch(/^bwu_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: "Copy api token" }).click();
  await expect(page.getByRole("button", { name: "Copy api token" })).toHaveText("Copied ✓");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await page.screenshot({ path: test.info().outputPath("api-token-created.png") });

  const script = await apiContext({
    baseURL: baseURL(),
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  expect((await script.get("/api/v1/incidents")).status()).toBe(200);
  expect((await script.get("/api/v1/hosts")).status()).toBe(403); // not in its scopes

  await page.getByRole("button", { name: "Done, I copied it" }).click();
  await expect(page.getByTestId("new-api-token")).toHaveCount(0); // shown once, gone
  const row = page.getByTestId("api-token-row-e2e script");
  await expect(row).toContainText("incidents:read");
  await page.reload(); // last used is stamped by the script's call
  await expect(row).not.toContainText("never");
  await row.getByRole("button", { name: "Revoke API token e2e script" }).click();
  await page.getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("revoked");
  expect((await script.get("/api/v1/incidents")).status()).toBe(401);
  await script.dispose();
  await ctx.close();
});

test("the API reference renders the OpenAPI document offline, in both themes, keyboard-reachable", async ({
  browser,
}) => {
  const user = await createUser("viewer");
  const ctx = await browserAs(browser, user);
  const outside: string[] = [];
  const own = new URL(baseURL()).host;
  await ctx.route("**/*", (route) => {
    if (new URL(route.request().url()).host === own) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  const page = await ctx.newPage();
  await page.goto("/api-reference");
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Host agents" })).toBeVisible();
  const issue = page.locator("#post_api_v1_commands");
  await issue.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect(issue).toContainText("hostIds");
  await expect(issue).toContainText("commands:issue");
  await page.screenshot({
    path: test.info().outputPath("api-reference-dark.png"),
    fullPage: false,
  });
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({
    path: test.info().outputPath("api-reference-light.png"),
    fullPage: false,
  });
  const doc = await page.request.get("/api/openapi.json");
  expect((await doc.json()).openapi).toBe("3.1.0");
  expect(outside, "requests that left the server").toEqual([]);
  await ctx.close();
});
