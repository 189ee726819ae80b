// What responders expect from an incident tool (issue 12, item 14), in the browser: the
// owner at the top (and one keypress to assign one), a comment, a severity change, a
// "related to" link shown on both pages, and a merge through the confirm dialog.
import { expect, type Page, test } from "@playwright/test";
import { openIncidentFromAgent } from "./support/agent.ts";
import { adminApi, browserAs, createUser } from "./support/factories.ts";

async function incident(): Promise<{ id: string; key: string; title: string }> {
  const id = await openIncidentFromAgent();
  const res = await (await adminApi()).get(`/api/v1/incidents/${id}`);
  expect(res.status()).toBe(200);
  const { incident: i } = (await res.json()) as { incident: { key: string; title: string } };
  return { id, key: i.key, title: i.title };
}

const timeline = (page: Page) => page.locator("section[aria-labelledby='timeline-h']");

test("a lead comments, changes severity, links, merges through the dialog and sees the commander at the top", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [a, b] = [await incident(), await incident()];
  const lead = await createUser("manager", { name: "Mia Merger" });
  const ctx = await browserAs(browser, lead);
  const page = await ctx.newPage();
  await page.goto(`/incidents/${a.key}`);

  // The owner, at the top; "assign" is a button that takes focus to the commander's seat.
  const owner = page.getByTestId("incident-owner");
  await expect(owner).toHaveText("No commander — assign");
  // The seat it focuses is in the roles panel, which loads with its own request.
  await expect(page.locator("#role-commander")).toBeVisible();
  await owner.getByRole("button", { name: "assign" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#role-commander")).toBeFocused();
  await page.locator("#role-commander").selectOption({ label: "Mia Merger (manager)" });
  await expect(owner).toHaveText(/^Commander: Mia Merger/);

  // A plain-text comment, under the author's name, as typed (markup stays text).
  await page.locator("#comment-text").fill("Same hash as last week.\n<b>not bold</b>");
  await page.getByRole("button", { name: "Add comment" }).click();
  const comment = timeline(page).locator("li[data-type='comment']");
  await expect(comment).toContainText("Mia Merger commented");
  await expect(comment.locator("p")).toHaveText("Same hash as last week.\n<b>not bold</b>");
  await expect(page.locator("#comment-text")).toHaveValue("");

  // Severity down with a reason; the current value is not on offer.
  await expect(page.locator("#severity-to option", { hasText: /^critical$/ })).toHaveCount(0);
  await page.locator("#severity-to").selectOption("high");
  await page.locator("#severity-reason").fill("Only a test host");
  await page.getByRole("button", { name: "Change severity" }).click();
  await expect(timeline(page)).toContainText(
    "Severity critical → high by Mia Merger: Only a test host",
  );
  await expect(page.locator("#severity-to")).toHaveAccessibleName(/now high/);

  // A link shows on both pages, clickable, and can be removed from the other side.
  await page.locator("#link-incident").fill(b.key);
  await page.getByRole("button", { name: "Link", exact: true }).click();
  const related = page.getByTestId("related-incidents");
  await expect(related).toContainText(b.title);
  await related.getByRole("link", { name: b.key }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${b.key}$`));
  await expect(page.getByTestId("related-incidents")).toContainText(a.key);
  await page.getByRole("button", { name: `Unlink ${a.key}` }).click();
  await expect(page.getByText("None linked.")).toBeVisible();
  await page.goto(`/incidents/${a.key}`);
  await expect(page.getByText("None linked.")).toBeVisible();

  // Merge: only after the confirm dialog; the duplicate then says where the work went.
  await page.locator("#merge-into").fill(b.key);
  await page.getByRole("button", { name: "Merge…" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`Merge ${a.key} into ${b.key}?`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("merged-into")).toHaveCount(0);
  await page.getByRole("button", { name: "Merge…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Merge and close" }).click();
  await expect(page.getByTestId("merged-into")).toContainText(`Merged into ${b.key}`);
  await expect(page.getByRole("button", { name: "Reopen" })).toHaveCount(0);
  await expect(page.locator("#merge-into")).toHaveCount(0);

  await page.getByTestId("merged-into").getByRole("link", { name: b.key }).click();
  await expect(timeline(page)).toContainText(`${a.key} merged into this incident by Mia Merger`);
  await expect(page.getByTestId("merged-here")).toContainText(a.key);
  await ctx.close();
});

test("a viewer sees the owner, comments and links but cannot write any of them", async ({
  browser,
}) => {
  const [a, b] = [await incident(), await incident()];
  const lead = await adminApi();
  expect(
    (await lead.post(`/api/v1/incidents/${a.key}/links`, { data: { incident: b.key } })).status(),
  ).toBe(201);
  expect(
    (
      await lead.post(`/api/v1/incidents/${a.key}/comments`, { data: { text: "from the lead" } })
    ).status(),
  ).toBe(201);
  const viewer = await createUser("viewer", { name: "Vic Viewer" });
  const ctx = await browserAs(browser, viewer);
  const page = await ctx.newPage();
  await page.goto(`/incidents/${a.key}`);
  await expect(page.getByTestId("incident-owner")).toHaveText("No commander");
  await expect(page.getByTestId("related-incidents")).toContainText(b.key);
  await expect(timeline(page).locator("li[data-type='comment']")).toContainText("from the lead");
  await expect(
    page.locator("#comment-text, #severity-to, #link-incident, #merge-into"),
  ).toHaveCount(0);
  const refused = await ctx.request.post(`/api/v1/incidents/${a.key}/comments`, {
    data: { text: "sneaky" },
  });
  expect(refused.status()).toBe(403);
  await ctx.close();
});
