// A tabletop drill with two people in two browsers: the facilitator starts the shipped
// "rollback fails on some hosts" scenario at ×10 and casts the responder as commander; the
// injects open a DRILL incident through the real ingest pipeline; the responder works it
// (acknowledges, sends the rollback that fails on three simulated hosts); the facilitator
// writes notes, ends the run and reads the score and the report.
import { expect, test } from "@playwright/test";
import { browserAs, createUser } from "./support/factories.ts";

test("facilitator and responder run a drill with a failing command, then read the score and report", async ({
  browser,
}, info) => {
  test.setTimeout(240_000);
  const facilitator = await createUser("manager", { name: "Fran Facilitator" });
  const responder = await createUser("responder", { name: "Rory Responder" });

  const fac = await (await browserAs(browser, facilitator)).newPage();
  await fac.goto("/drills");
  const card = fac.getByTestId("scenario-rollback-fails");
  await expect(card).toContainText("Rollback succeeded on all hosts");
  await card.getByRole("button", { name: "Start drill" }).click();
  const dialog = fac.getByRole("dialog");
  await dialog.getByLabel(/Speed/).fill("10");
  await dialog.getByLabel("investigator").selectOption({ label: "Rory Responder (responder)" });
  await dialog.getByRole("button", { name: "Start", exact: true }).click();
  await fac.waitForURL(/\/drills\/[0-9a-f-]{36}$/);
  const runUrl = fac.url();
  await expect(fac.getByTestId("drill-clock")).toHaveText(/^T\+\d{2}:\d{2}$/);
  await expect(fac.getByRole("progressbar", { name: "Injects fired or settled" })).toBeVisible();

  // The events inject (T+00:30, three wall seconds at ×10) opens the drill incident.
  const incidentLink = fac.locator('a[href^="/incidents/INC-"]').first();
  await expect(incidentLink).toBeVisible({ timeout: 60_000 });
  const incidentHref = (await incidentLink.getAttribute("href")) as string;
  await fac.screenshot({ path: info.outputPath("drill-run-dark.png"), fullPage: true });

  const res = await (await browserAs(browser, responder)).newPage();
  await res.goto(incidentHref);
  await expect(res.getByTestId("drill-banner")).toContainText(
    /DRILL — DRL-\d{4}-\d{4} — not a real incident/,
  );
  await res.getByRole("button", { name: "Acknowledge" }).click();
  const form = res.getByRole("form", { name: "Contain on every affected host" });
  await expect(form.getByTestId("drill-command-note")).toBeVisible();
  await form.getByLabel("Type").selectOption("rollback_runtime");
  await form.getByLabel("Why").fill("roll the runtime back on every host");
  await form.getByRole("button", { name: /rollback_runtime/ }).click();
  await expect(res.locator('section[aria-labelledby="incident-commands"]')).toContainText(
    "rollback_runtime",
  );
  await res.goto("/incidents");
  await expect(res.locator("tr[data-drill]").first()).toContainText("DRILL");

  await fac.goto(runUrl);
  await fac
    .getByRole("textbox", { name: "Notes" })
    .fill("The rollback failed on three hosts and nobody chased them.");
  await fac.getByRole("button", { name: "Save notes" }).click();
  await expect(fac.getByText("Saved ✓")).toBeVisible();
  await fac.getByRole("button", { name: "■ End drill" }).click();
  await fac.getByRole("alertdialog").getByRole("button", { name: "End the drill" }).click();
  await expect(fac.getByText("■ ended").first()).toBeVisible({ timeout: 30_000 });
  await expect(fac.getByTestId("drill-overall")).toHaveText(/^\d{1,3} \/ 100$/);
  await expect(fac.getByTestId("outcome-rollback-all")).toContainText("missed");
  await expect(fac.getByRole("heading", { name: "Compared with earlier runs" })).toBeVisible();
  await fac.screenshot({ path: info.outputPath("drill-ended-dark.png"), fullPage: true });
  await fac.emulateMedia({ colorScheme: "light" });
  await fac.screenshot({ path: info.outputPath("drill-ended-light.png"), fullPage: true });
  await fac.emulateMedia({ colorScheme: "dark" });

  await fac.getByRole("link", { name: /after-action report/ }).click();
  await expect(fac.getByRole("heading", { name: "What was late, and why" })).toBeVisible();
  const late = fac.getByTestId("late-rollback-all");
  await expect(late).toContainText("Rollback succeeded on all hosts — missed");
  await expect(fac.getByTestId("drill-report-notes")).toHaveText(
    "The rollback failed on three hosts and nobody chased them.",
  );
  // The lesson becomes a follow-up on the drill's incident.
  await late.getByRole("button", { name: "Make a follow-up" }).click();
  await expect(late.getByRole("button", { name: "Follow-up added ✓" })).toBeVisible();
  await fac.reload();
  await expect(fac.getByTestId("follow-up").first()).toContainText(
    "Rollback succeeded on all hosts",
  );
  await fac.screenshot({ path: info.outputPath("drill-report-dark.png"), fullPage: true });
});
