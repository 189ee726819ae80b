// Publishing a playbook version from the UI: a confirmation that says the version is
// immutable, a readable checklist diff, a draft page that shows the version it became and
// says what happened (no developer-only instruction), and a v1↔vN comparison on the playbook page.
import { expect, test } from "@playwright/test";
import { browserAs, createUser } from "./support/factories.ts";
import { openDraftFromV1 } from "./support/playbook-drafts.ts";

test("a lead publishes a new version after a confirmation and compares it with v1", async ({
  browser,
}) => {
  const lead = await createUser("manager");
  const ctx = await browserAs(browser, lead);
  const page = await ctx.newPage();
  const original = await openDraftFromV1(page, "permission-violation");
  const yaml = page.locator("#draft-yaml");
  await yaml.fill(
    original
      .replace("slaMinutes: 15\n    checklist:", "slaMinutes: 5\n    checklist:")
      .replace(
        "      - Which permission, which call site\n",
        "      - Which permission, which call site\n      - Page the plugin owner\n",
      ),
  );
  await page.getByRole("button", { name: "Save draft" }).click();
  const diff = page.getByTestId("semantic-diff");
  await expect(diff).toContainText("steps.triage.checklist");
  await expect(diff).toContainText("+ Page the plugin owner");
  await expect(diff).not.toContainText('["');
  await expect(diff).toContainText("15 → 5");

  const publish = page.getByRole("button", { name: /^Publish as v\d+…$/ });
  const version = Number((await publish.textContent())!.match(/v(\d+)/)![1]);
  await publish.click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("immutable");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("status")).toHaveCount(0);

  await publish.click();
  await page
    .getByRole("alertdialog")
    .getByRole("button", { name: `Publish v${version}` })
    .click();
  const status = page.getByRole("status");
  await expect(status).toContainText(`Published permission-violation v${version}`);
  await expect(status).not.toContainText("commit it");
  await page.reload();
  await expect(page.getByText(`published as v${version} (read-only)`)).toBeVisible();
  await expect(yaml).toHaveValue(new RegExp(`^version: ${version}$`, "m"));

  await page.goto("/playbooks/permission-violation");
  await page.getByLabel("Compare from").selectOption("1");
  await page.getByLabel("Compare to").selectOption(String(version));
  const versionDiff = page.getByTestId("version-diff");
  await expect(versionDiff).toContainText("steps.triage.slaMinutes");
  await expect(versionDiff).toContainText("+ Page the plugin owner");
  await ctx.close();
});
