// Hosts and enrollment in a real browser: a token shown once, a host enrolled over the agent
// API appearing live, its inventory and blast radius, revocation killing its credential.
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { adminApi, browserAs, createUser } from "./support/factories.ts";
import { adminCredentials, apiContext, baseURL } from "./support/session.ts";

const suffix = () => crypto.randomBytes(4).toString("hex");
const plugin = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  version: "1.0.0",
  origin: "https://store.example.test/" + name,
  signer: "E2E Signer",
  sha256: crypto.createHash("sha256").update(name).digest("hex"),
  permissions: ["clipboard.read", "net.fetch"],
  state: "active",
  ...over,
});

async function enrollWithAdminToken(hostname: string, plugins: unknown[]) {
  const api = await adminApi();
  const minted = await api.post("/api/v1/enrollment-tokens", {
    data: { label: `e2e ${hostname}`, expiresInSeconds: 600, maxUses: 1 },
  });
  expect(minted.status()).toBe(201);
  const agent = await apiContext();
  const res = await agent.post("/api/agent/v1/enroll", {
    data: {
      enrollmentToken: (await minted.json()).token,
      hostname,
      os: "Debian 13",
      agentVersion: "e2e/1",
      plugins,
    },
  });
  expect(res.status()).toBe(201);
  return { agent, ...((await res.json()) as { hostId: string; hostToken: string }) };
}

test("an admin mints a token shown once, the enrolled host appears live, and revoking it kills its credential", async ({
  browser,
}) => {
  const ctx = await browserAs(browser, adminCredentials());
  const page = await ctx.newPage();
  const label = `e2e-token-${suffix()}`;

  await page.goto("/settings/enrollment-tokens");
  await page.getByLabel("Label", { exact: true }).fill(label);
  await page.getByLabel("Hosts (uses)").fill("2");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^bwe_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("new-token-command")).toContainText(
    `npm run agent -- --server ${new URL(baseURL()).origin} --enroll ${token} --state`,
  );
  await expect(page.getByTestId(`token-row-${label}`)).toContainText("0 / 2");
  await page.getByRole("button", { name: "Done, I copied it" }).click();
  await page.reload();
  await expect(page.getByTestId(`token-row-${label}`)).toBeVisible();
  expect(await page.content()).not.toContain(token);

  // The Hosts page is already open when the agent enrols: the row must arrive by polling.
  await page.goto("/hosts");
  const hostname = `e2e-host-${suffix()}`;
  const pluginName = `e2e-plugin-${suffix()}`;
  const agent = await apiContext();
  const enrolled = await agent.post("/api/agent/v1/enroll", {
    data: {
      enrollmentToken: token,
      hostname,
      os: "Debian 13",
      agentVersion: "e2e/1",
      plugins: [plugin(pluginName, { state: "quarantined" })],
    },
  });
  expect(enrolled.status()).toBe(201);
  const { hostId, hostToken } = (await enrolled.json()) as { hostId: string; hostToken: string };
  const row = page.getByTestId(`host-row-${hostname}`);
  await expect(row).toContainText("online", { timeout: 15_000 });
  await expect(row).toContainText("not isolated");

  await row.getByRole("link", { name: hostname }).click();
  await expect(page).toHaveURL(new RegExp(`/hosts/${hostId}$`));
  await expect(page.getByRole("heading", { name: hostname })).toBeVisible();
  await expect(page.getByRole("cell", { name: "clipboard.read net.fetch" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "quarantined" })).toBeVisible();

  // The plugin name links to its blast radius across the fleet.
  await page.getByRole("link", { name: pluginName, exact: true }).click();
  await expect(page).toHaveURL(/\/hosts\/plugins\?name=/);
  await expect(page.getByTestId("fleet-total")).toHaveText("1");
  await expect(page.getByRole("link", { name: hostname })).toBeVisible();

  await page.goto(`/hosts/${hostId}`);
  await page.getByRole("button", { name: "Revoke host…" }).click();
  await expect(page.getByRole("alertdialog")).toContainText(`Revoke ${hostname}?`);
  await page.getByRole("button", { name: "Revoke now" }).click();
  await expect(page.getByText("✕ revoked")).toBeVisible();
  await expect(page.getByRole("button", { name: "Revoke host…" })).toHaveCount(0);
  const after = await agent.put("/api/agent/v1/inventory", {
    headers: { authorization: `Bearer ${hostToken}` },
    data: { plugins: [] },
  });
  expect(after.status()).toBe(401);

  // One use left on the token, visible in the list.
  await page.goto("/settings/enrollment-tokens");
  await expect(page.getByTestId(`token-row-${label}`)).toContainText("1 / 2");
  await ctx.close();
});

test("a viewer can look at hosts and blast radius but not revoke or manage tokens", async ({
  browser,
}) => {
  const hostname = `e2e-viewer-host-${suffix()}`;
  const { hostId, hostToken, agent } = await enrollWithAdminToken(hostname, [
    plugin(`e2e-vplugin-${suffix()}`),
  ]);
  const viewer = await createUser("viewer");
  const ctx = await browserAs(browser, viewer);
  const page = await ctx.newPage();

  await page.goto("/hosts");
  await page.getByLabel("Search hostname").fill(hostname);
  await expect(page.getByTestId(`host-row-${hostname}`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Enrollment tokens" })).toHaveCount(0);
  await page.goto(`/hosts/${hostId}`);
  await expect(page.getByRole("heading", { name: hostname })).toBeVisible();
  await expect(page.getByRole("button", { name: "Revoke host…" })).toHaveCount(0);

  expect((await page.goto("/settings/enrollment-tokens"))?.status()).toBe(403);
  expect((await page.request.post(`/api/v1/hosts/${hostId}/revoke`)).status()).toBe(403);
  expect((await page.request.get("/api/v1/enrollment-tokens")).status()).toBe(403);
  // A host token is not a user credential, and a user session is not a host credential.
  expect(
    (
      await agent.get("/api/v1/hosts", { headers: { authorization: `Bearer ${hostToken}` } })
    ).status(),
  ).toBe(401);
  expect(
    (await page.request.put("/api/agent/v1/inventory", { data: { plugins: [] } })).status(),
  ).toBe(401);
  await ctx.close();
});
