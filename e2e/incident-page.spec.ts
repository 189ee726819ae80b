// The incident page a responder can work in at 3 a.m.: the next action comes first, the
// shipped "Kill the plugin process" step really sends, the event stream is paged and
// filterable, every time shows its zone, live changes arrive over SSE, and the page reads
// in dark and light at 1440, 1280 and 390 px (screenshots in test-results/incident-page/).
import crypto from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { reportFromNewHost } from "./support/agent.ts";
import { browserAs, createUser } from "./support/factories.ts";

const TYPES = ["sandbox_escape_attempt", "ipc_anomaly", "quota_exceeded"] as const;

async function incidentWithEvents(n: number): Promise<{ id: string }> {
  const id = await reportFromNewHost("e2e-page", (plugin) => {
    const t0 = Date.now() - n * 1000;
    return Array.from({ length: n }, (_, i) => ({
      eventId: crypto.randomUUID(),
      type: i === 0 ? "sandbox_escape_attempt" : TYPES[i % TYPES.length],
      severity: i === 0 ? "critical" : undefined,
      observedAt: new Date(t0 + i * 1000).toISOString(),
      plugin,
      details: { syscall: "ptrace", seq: i },
    }));
  });
  return { id };
}

const step = (page: Page, key: string) => page.locator(`[data-step="${key}"]`);
const top = async (page: Page, selector: string) =>
  (await page.locator(selector).first().boundingBox())!.y;

test("the incident page leads with the next action and its shipped command steps run", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const responder = await createUser("responder", { name: "Nora Nightshift" });
  const { id } = await incidentWithEvents(40);
  const ctx = await browserAs(browser, responder);
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/incidents/${id}`);

  // What needs doing sits above the record; no placeholder talks about issues or the future.
  await expect(page.getByRole("heading", { name: "Current steps" })).toBeVisible();
  await expect(page.getByTestId("live-state")).toHaveText("● live");
  await expect(page.getByRole("progressbar", { name: "Hosts contained" })).toHaveAttribute(
    "aria-valuetext",
    "0 of 1 hosts contained",
  );
  expect(await top(page, "#playbook-h")).toBeLessThan(await top(page, "#events-h"));
  expect(await top(page, "#incident-commands")).toBeLessThan(await top(page, "#events-h"));
  await expect(page.locator("main")).not.toContainText(/issue \d|will appear|not available yet/i);

  // Paged, filterable event stream with details that open in place.
  const stream = page.getByTestId("event-stream");
  await expect(stream).toContainText("(40 events)");
  await expect(stream.getByText("page 1 of 2")).toBeVisible();
  await expect(stream.locator("tbody tr")).toHaveCount(25);
  await stream.getByLabel("Type").selectOption("quota_exceeded");
  await expect(stream).toContainText("(13 events match)");
  await stream.getByRole("button", { name: "Details" }).first().click();
  await expect(stream.locator("pre")).toContainText('"syscall": "ptrace"');

  // One clock: the zone is always shown; the exact time is on hover of relative times.
  const firstTime = stream.locator("time").first();
  await expect(firstTime).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
  await expect(page.locator("header time").first()).toHaveAttribute("title", /UTC$/);

  // The shipped sandbox-escape "Kill the plugin process" step sends (it answered 400 before).
  for (const box of await step(page, "triage").getByRole("checkbox").all()) await box.check();
  await step(page, "triage").getByRole("button", { name: "Mark done" }).click();
  await expect(step(page, "kill-process")).toHaveAttribute("data-status", "ready");
  await step(page, "kill-process").getByRole("button", { name: "Send command to hosts" }).click();
  await expect(step(page, "kill-process").getByRole("alert")).toHaveCount(0);
  await expect(step(page, "kill-process")).toContainText(
    /kill_process .*"plugin"|request [0-9a-f]{8}/,
  );
  const commandLink = page
    .locator('section[aria-labelledby="incident-commands"] a[href^="/commands/"]')
    .first();
  await expect(commandLink).toHaveText("kill_process");

  // Names, not ids: the command page's breadcrumb and request name the incident and the step.
  await commandLink.click();
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs).toContainText(/Commands \/ INC-\d{4}-\d{4,} \/ kill_process → /);
  await expect(page.getByText("Kill the plugin process (sandbox-escape v1)")).toBeVisible();
  await expect(page.getByText(/Nora Nightshift at \d{4}-/)).toBeVisible();
  // Millisecond lifecycle times.
  await expect(page.locator('[data-lifecycle="queued"] time')).toHaveText(
    /\d{2}:\d{2}:\d{2}\.\d{3} UTC$/,
  );
  await ctx.close();
});

test("a field-level reason reaches the person who sent a bad command", async ({ browser }) => {
  const responder = await createUser("responder");
  const { id } = await incidentWithEvents(1);
  const ctx = await browserAs(browser, responder);
  const page = await ctx.newPage();
  await page.goto(`/incidents/${id}`);
  const form = page.getByRole("form", { name: "Contain on every affected host" });
  await form.getByLabel("Type").selectOption("kill_process");
  await form.getByLabel("Plugin").fill("");
  await form.getByLabel("Why").fill("stop it");
  await form.getByRole("button", { name: /kill_process/ }).click();
  await expect(form.getByRole("alert")).toContainText("kill_process needs a plugin or a pid");
  await ctx.close();
});

for (const scheme of ["dark", "light"] as const) {
  test(`incident page screenshots, ${scheme}, at 1440, 1280 and 390 px`, async ({ browser }) => {
    test.setTimeout(120_000);
    const responder = await createUser("responder");
    const { id } = await incidentWithEvents(30);
    const ctx = await browserAs(browser, responder);
    const page = await ctx.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [1440, 900],
      [1280, 800],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`/incidents/${id}`);
      await expect(page.getByRole("heading", { name: "Current steps" })).toBeVisible();
      await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${scheme}\\b`));
      const menu = page.getByRole("button", { name: "Menu" });
      if (width < 768) {
        // The navigation folds away; the page gets the whole width.
        await expect(menu).toBeVisible();
        await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
      } else {
        await expect(menu).toBeHidden();
        await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      }
      // Nothing scrolls sideways.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      // The first screen shows the next action: the current step and its button.
      if (width < 768)
        await expect(page.getByRole("heading", { name: "Current steps" })).toBeInViewport();
      else
        await expect(
          step(page, "triage").getByRole("button", { name: "Mark done" }),
        ).toBeInViewport();
      await page.screenshot({ path: `test-results/incident-page/${scheme}-${width}.png` });
      await page.screenshot({
        path: `test-results/incident-page/${scheme}-${width}-full.png`,
        fullPage: true,
      });
    }
    // The toggle overrides the system and survives a reload without a flash of the other theme.
    await page.setViewportSize({ width: 1280, height: 800 });
    const other = scheme === "dark" ? "Light" : "Dark";
    await page.getByRole("radio", { name: other }).click();
    await page.reload();
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${other.toLowerCase()}\\b`));
    await ctx.close();
  });
}

test("narrow screens: the incidents list keeps every column readable and the menu opens the navigation", async ({
  browser,
}) => {
  const responder = await createUser("responder");
  await incidentWithEvents(1);
  const ctx = await browserAs(browser, responder);
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/incidents");
  const row = page.locator('[data-testid^="incident-row-"]').first();
  await expect(row.getByText(/critical|high|medium|low/i).first()).toBeVisible();
  await expect(row.locator('[data-label="events"]')).toBeVisible();
  await page.getByRole("button", { name: "Menu" }).click();
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Hosts", exact: true })
    .click();
  await expect(page).toHaveURL(/\/hosts$/);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );
  await ctx.close();
});
