// A manager's Monday: the metrics dashboard from real incidents (opened by a real agent
// event, acknowledged by a person), filters, charts with their tables, the CSV behind the
// cards, then an incident's after-action report: a follow-up that proposes a playbook
// change, and the report printed to PDF by headless Chromium.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { openIncidentFromAgent } from "./support/agent.ts";
import { adminApi, browserAs, createUser } from "./support/factories.ts";

test("a manager reads the metrics, exports the CSV, and works the after-action report", async ({
  browser,
}, info) => {
  test.setTimeout(180_000);
  const manager = await createUser("manager", { name: "Mia Manager" });
  const incidentId = await openIncidentFromAgent();
  const admin = await adminApi();
  const ack = await admin.post(`/api/v1/incidents/${incidentId}/transitions`, {
    data: { from: "open", to: "acknowledged" },
  });
  expect(ack.status(), await ack.text()).toBe(200);
  const { incident: detail } = (await (
    await admin.get(`/api/v1/incidents/${incidentId}`)
  ).json()) as { incident: { key: string } };

  const ctx = await browserAs(browser, manager);
  const page = await ctx.newPage();
  await page.goto("/metrics");
  await expect(page.getByRole("heading", { name: "Metrics" })).toBeVisible();
  await page.getByLabel("Severity").selectOption("critical");
  const mtta = page.getByTestId("card-mtta");
  await expect(mtta).toContainText(/n = [1-9]/);
  await expect(mtta).toContainText("Opened → first acknowledgement by a person.");
  for (const title of [
    "Weekly trend — MTTC",
    "Containment curve",
    "Open incidents by status and age",
    "Top plugins by incidents",
    "Command outcomes by type",
  ]) {
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
  }
  // The numbers behind a chart are one keyboard press away.
  const plugins = page
    .getByRole("heading", { name: "Top plugins by incidents" })
    .locator("xpath=../..");
  await plugins.getByText("Table view").click();
  await expect(plugins.getByRole("table")).toBeVisible();
  await expect(page.locator(".recharts-surface").first()).toBeVisible();

  await page.screenshot({ path: info.outputPath("metrics-dark.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: info.outputPath("metrics-light.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  const csv = fs.readFileSync(await download.path(), "utf8");
  const [head, ...rows] = csv.trim().split("\r\n");
  const cols = head.split(",");
  expect(cols).toEqual(
    expect.arrayContaining([
      "key",
      "opened_at",
      "acknowledged_at",
      "mtta_seconds",
      "mttc_seconds",
      "containment_basis",
    ]),
  );
  const mine = rows.map((r) => r.split(",")).find((r) => r[cols.indexOf("key")] === detail.key);
  expect(mine, `${detail.key} in the CSV`).toBeTruthy();
  expect(Number(mine![cols.indexOf("mtta_seconds")])).toBeGreaterThanOrEqual(0);
  // The card's count is the CSV's count of incidents with an acknowledgement.
  const acked = rows.filter((r) => r.split(",")[cols.indexOf("mtta_seconds")] !== "").length;
  await expect(mtta).toContainText(`n = ${acked}`);

  await page.goto(`/incidents/${detail.key}/report`);
  await expect(page.getByRole("heading", { name: new RegExp(`${detail.key} — `) })).toBeVisible();
  await expect(page.getByTestId("report-figures")).toContainText("MTTA");
  await expect(page.getByRole("heading", { name: "Playbook" })).toBeVisible();
  await page.getByLabel("New follow-up").fill("Pre-approve revokes for critical plugins");
  await page.getByLabel("Owner").selectOption({ label: "Mia Manager" });
  await page.getByLabel("Due").fill("2030-01-31");
  await page.getByRole("button", { name: "Add follow-up" }).click();
  const item = page.getByTestId("follow-up").filter({ hasText: "Pre-approve revokes" });
  await expect(item).toContainText("owner Mia Manager · due 2030-01-31");
  await item.getByRole("button", { name: "Propose playbook change" }).click();
  await expect(page).toHaveURL(/\/playbooks\/drafts\//);
  await page.goto(`/incidents/${detail.key}/report`);
  await expect(
    page.getByTestId("follow-up").filter({ hasText: "Pre-approve revokes" }),
  ).toContainText("Draft of sandbox-escape v1 — not published yet");
  await page.goto("/follow-ups");
  await expect(
    page.getByTestId("follow-up-row").filter({ hasText: "Pre-approve revokes" }),
  ).toContainText(detail.key);

  // Print to PDF as the browser's print would: only the report, every section, no navigation.
  await page.goto(`/incidents/${detail.key}/report`);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print / save as PDF" })).toBeHidden();
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  fs.writeFileSync(info.outputPath("after-action-report.pdf"), pdf);
  expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThanOrEqual(
    2,
  );
  await ctx.close();
});
