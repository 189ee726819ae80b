// A manager edits a playbook without touching YAML: the Form tab edits the same draft as the
// YAML tab (switching loses nothing, both ways), a dependency cycle is shown next to the
// steps' "needs", the save goes through the same draft update, and the semantic diff and the
// publish are the YAML editor's.
import { expect, test } from "@playwright/test";
import { parse } from "yaml";
import { browserAs, createUser } from "./support/factories.ts";
import { openDraftFromV1 } from "./support/playbook-drafts.ts";

type Step = {
  id: string;
  slaMinutes?: number;
  title: string;
  escalation?: { levels: { afterMinutes: number; notify: Record<string, unknown> }[] };
};

test("a manager edits a step's SLA and escalation in the form, sees it in YAML, saves, publishes", async ({
  browser,
}) => {
  const lead = await createUser("manager");
  const ctx = await browserAs(browser, lead);
  const page = await ctx.newPage();
  const original = await openDraftFromV1(page, "unsigned-plugin");
  const yaml = page.locator("#draft-yaml");

  await page.getByRole("tab", { name: "Form" }).click();
  const trace = page.locator('[data-testid="form-step"][data-step-id="trace-origin"]');
  await expect(trace.getByLabel("SLA (minutes)")).toHaveValue("60");
  await trace.getByLabel("SLA (minutes)").fill("30");
  await trace.getByRole("button", { name: "Add escalation level" }).click();
  await expect(trace.getByTestId("escalation-level")).toHaveCount(2);
  await trace.getByLabel("Level 2 after (min)").fill("90");
  await expect(trace.getByLabel("Level 2 notifies")).toHaveValue("managers");

  // A cycle made in the form is reported on the needs of both steps in it.
  const quarantine = page.locator('[data-testid="form-step"][data-step-id="quarantine"]');
  await quarantine
    .getByRole("group", { name: "Needs (runs after)" })
    .getByLabel("trace-origin")
    .check();
  await trace.getByRole("group", { name: "Needs (runs after)" }).getByLabel("quarantine").check();
  await expect(
    quarantine.getByRole("group", { name: "Needs (runs after)" }).getByRole("alert"),
  ).toContainText("dependency cycle");
  await expect(
    trace.getByRole("group", { name: "Needs (runs after)" }).getByRole("alert"),
  ).toContainText("dependency cycle");
  await trace.getByRole("group", { name: "Needs (runs after)" }).getByLabel("quarantine").uncheck();
  await quarantine
    .getByRole("group", { name: "Needs (runs after)" })
    .getByLabel("trace-origin")
    .uncheck();
  await expect(page.locator("#validation")).toContainText("Valid.");

  // To the YAML tab by keyboard: the form's edits are there, and nothing else changed.
  await page.getByRole("tab", { name: "Form" }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("tab", { name: "YAML" })).toHaveAttribute("aria-selected", "true");
  const edited = await yaml.inputValue();
  const expected = parse(original) as { steps: Step[] };
  const t = expected.steps.find((s) => s.id === "trace-origin")!;
  t.slaMinutes = 30;
  t.escalation!.levels.push({ afterMinutes: 90, notify: { managers: true } });
  expect(parse(edited)).toEqual(expected);
  expect(edited).toContain("notify: { managers: true }");

  // An edit in YAML shows in the form.
  await yaml.fill(
    edited.replace("title: Trace the plugin's origin", "title: Trace where it came from"),
  );
  await page.getByRole("tab", { name: "Form" }).click();
  await expect(trace.getByLabel("Title")).toHaveValue("Trace where it came from");
  await expect(trace.getByLabel("SLA (minutes)")).toHaveValue("30");
  await expect(trace.getByLabel("Level 2 after (min)")).toHaveValue("90");

  await page.getByRole("button", { name: "Save draft" }).click();
  const diff = page.getByTestId("semantic-diff");
  await expect(diff).toContainText("steps.trace-origin.slaMinutes");
  await expect(diff).toContainText("60 → 30");
  await expect(diff).toContainText("steps.trace-origin.escalation");
  await expect(diff).toContainText("steps.trace-origin.title");

  const publish = page.getByRole("button", { name: /^Publish as v\d+…$/ });
  const version = Number((await publish.textContent())!.match(/v(\d+)/)![1]);
  await publish.click();
  await page
    .getByRole("alertdialog")
    .getByRole("button", { name: `Publish v${version}` })
    .click();
  await expect(page.getByRole("status")).toContainText(`Published unsigned-plugin v${version}`);
  // Published: the form is read-only too.
  await expect(trace.getByLabel("SLA (minutes)")).toHaveAttribute("readonly", "");

  const api = await ctx.request.get(
    `/api/v1/playbooks/unsigned-plugin/versions/${version}?format=yaml`,
  );
  expect(api.status()).toBe(200);
  const published = parse(await api.text()) as { steps: Step[] };
  const step = published.steps.find((s) => s.id === "trace-origin")!;
  expect(step.slaMinutes).toBe(30);
  expect(step.escalation!.levels.map((l) => l.afterMinutes)).toEqual([60, 90]);
  await ctx.close();
});
