// First run on an empty database: the setup page creates the admin that every other spec
// signs in as (the other project depends on this one), then the page is gone for good.
import { expect, test } from "@playwright/test";
import { adminCredentials } from "./support/session.ts";

test("first-run setup creates the admin, signs in, shows admin navigation, signs out", async ({
  page,
}) => {
  const admin = adminCredentials();

  // A stranger on an empty install is sent to setup (via the login page) from anywhere.
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Breakwater" })).toBeVisible();

  // A too-short password is refused by the server with a field error, and nothing is created.
  await page.getByLabel("Your name").fill("Ada Admin");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel(/Password/).fill("short");
  await page.getByLabel(/Password/).evaluate((el) => el.removeAttribute("minlength"));
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await expect(page).toHaveURL(/\/setup$/);

  await page.getByLabel(/Password/).fill(admin.password);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page).toHaveURL(/\/incidents$/);
  await expect(page.getByTestId("current-user")).toHaveText("Ada Admin");
  await expect(page.getByTestId("current-role")).toHaveText("admin");

  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of [
    "Incidents",
    "Hosts",
    "Playbooks",
    "Commands",
    "Artifacts",
    "Metrics",
    "Drills",
    "Audit",
    "Settings",
  ]) {
    await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
  }
  await nav.getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page).toHaveURL(/\/settings/);

  await nav.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/login\?next=%2Fincidents/);

  // Setup is one-time: it now sends everyone to the login page.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);
});
