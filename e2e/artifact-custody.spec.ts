// The artifact page as a responder lead reads it: custody sentences that read the right way
// round, one "viewed" entry however often the page renders, a held artifact without a false
// expiry date, and a delete that asks first and says what will happen.
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import {
  agentCredential,
  createDumpUpload,
  incidentFromEscape,
  patchWholeUpload,
} from "./support/agent.ts";
import { adminApi, browserAs, createUser } from "./support/factories.ts";
import { signIn } from "./support/session.ts";

async function collectedArtifact(): Promise<{ artifactId: string; incidentKey: string }> {
  const admin = await adminApi();
  const agent = await agentCredential(admin);
  const incident = await incidentFromEscape(agent.token, "e2e-custody");
  const bytes = crypto.randomBytes(4096);
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const created = await createDumpUpload(agent.token, bytes.length, {
    filename: "custody.dmp",
    sha256,
    incidentId: incident.id,
  });
  expect(created.status).toBe(201);
  const patched = await patchWholeUpload(agent.token, created, bytes, bytes.length);
  expect(patched.status).toBe(204);
  return {
    artifactId: patched.headers.get("breakwater-artifact-id")!,
    incidentKey: incident.key,
  };
}

test("custody reads the right way round, records one view per hour, hides expiry under hold and confirms a delete", async ({
  browser,
}) => {
  const { artifactId, incidentKey } = await collectedArtifact();
  const manager = await createUser("manager", { name: "Carla Custodian" });
  const ctx = await browserAs(browser, manager);
  const page = await ctx.newPage();
  await page.goto(`/artifacts/${artifactId}`);
  await expect(page.getByText(/^Received by Breakwater from host /)).toBeVisible();
  await expect(page.getByText(/^Collected on host /)).toBeVisible();
  await expect(page.getByTestId("view-note")).toContainText("at most once per person per hour");
  await page.reload();
  await page.reload();
  await expect(page.getByTestId("custody-intact")).toBeVisible();
  await expect(page.getByText(`Record viewed by ${manager.name}`)).toHaveCount(1);

  const api = await signIn(manager);
  expect(
    (
      await api.post(`/api/v1/incidents/${incidentKey}/legal-hold`, {
        data: { reason: "litigation pending" },
      })
    ).status(),
  ).toBe(200);
  await page.reload();
  await expect(page.getByTestId("artifact-expiry")).toHaveText("held — expiry suspended");
  expect(
    (
      await api.delete(`/api/v1/incidents/${incidentKey}/legal-hold`, {
        data: { reason: "litigation settled" },
      })
    ).status(),
  ).toBe(200);
  await page.reload();
  await expect(page.getByTestId("artifact-expiry")).not.toHaveText("held — expiry suspended");

  await page.getByLabel(/Delete the evidence bytes/).fill("collected from the wrong host");
  await page.getByRole("button", { name: "Delete artifact" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Delete custody.dmp?");
  await expect(dialog).toContainText("removed from storage for good");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(/^Deleted by /)).toHaveCount(0);

  // The manager who released the hold may not delete its evidence at once (separation of
  // duties); the page says why and until when, and another manager can.
  await page.getByRole("button", { name: "Delete artifact" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete the bytes" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "another manager or admin must delete" }),
  ).toContainText(/you may after \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
  await expect(page.getByText(/^Deleted by /)).toHaveCount(0);
  await ctx.close();

  const second = await createUser("manager", { name: "Dora Deleter" });
  const ctx2 = await browserAs(browser, second);
  const page2 = await ctx2.newPage();
  await page2.goto(`/artifacts/${artifactId}`);
  await page2.getByLabel(/Delete the evidence bytes/).fill("collected from the wrong host");
  await page2.getByRole("button", { name: "Delete artifact" }).click();
  await page2.getByRole("alertdialog").getByRole("button", { name: "Delete the bytes" }).click();
  await expect(page2.getByText(`Deleted by ${second.name}`)).toBeVisible();
  await ctx2.close();
});
