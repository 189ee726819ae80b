import type { Page } from "@playwright/test";

/** From the playbook's page, as a lead would: pick v1 in the history and start a draft from it.
 *  Returns the draft's YAML as it was created. */
export async function openDraftFromV1(page: Page, slug: string): Promise<string> {
  await page.goto(`/playbooks/${slug}`);
  await page
    .getByRole("navigation", { name: "Version history" })
    .getByRole("button", { name: /^v1 / })
    .click();
  await page.getByRole("button", { name: "New draft from v1" }).click();
  await page.waitForURL(/\/playbooks\/drafts\//);
  return page.locator("#draft-yaml").inputValue();
}
