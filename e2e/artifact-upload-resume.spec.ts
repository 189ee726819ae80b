// A browser upload survives a page reload: tus-js-client keeps the upload URL per file
// fingerprint in localStorage, and picking the same file again after the reload resumes the
// same upload from the server's offset instead of starting over. To land the reload mid-upload
// every time, the test holds the upload's second chunk in the browser (a route that is never
// answered): the first chunk is on the server, the second never left, so the server's offset
// is exactly one chunk. Every wait is on something observable (a request, a row's state).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Request, type Route, test } from "@playwright/test";
import { UPLOAD_CHUNK_BYTES } from "../lib/artifacts/upload-client.ts";
import { openIncidentFromAgent } from "./support/agent.ts";
import { adminApi, browserAs, createUser } from "./support/factories.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bw-e2e-resume-"));
test.afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const UPLOAD_URL = /\/api\/v1\/artifacts\/uploads\/[^/?]+$/;

/** The next PATCH of an upload, held unanswered until the test lets it go. */
function holdNextPatch(routes: { hold: ((r: Route) => void) | null }) {
  return new Promise<Route>((resolve) => {
    routes.hold = (r) => {
      routes.hold = null;
      resolve(r);
    };
  });
}

test("a responder reloads mid-upload, picks the same file again, and the upload continues from the server's offset", async ({
  browser,
}) => {
  test.setTimeout(3 * 60_000);
  const incidentId = await openIncidentFromAgent();
  const admin = await adminApi();
  const { incident } = (await (await admin.get(`/api/v1/incidents/${incidentId}`)).json()) as {
    incident: { key: string };
  };

  // Three chunks, the last a partial one; random bytes so no two runs share a blob.
  const size = 3 * UPLOAD_CHUNK_BYTES - 12_345;
  const bytes = crypto.randomBytes(size);
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  // A file on disk, picked twice: the browser sees the same name, size and modification time,
  // which is the fingerprint the upload is stored under.
  const file = path.join(tmp, "host-memory.raw");
  fs.writeFileSync(file, bytes);

  const responder = await createUser("responder");
  const ctx = await browserAs(browser, responder);
  const routes: { hold: ((r: Route) => void) | null } = { hold: null };
  await ctx.route(UPLOAD_URL, async (route) => {
    const req = route.request();
    if (req.method() === "PATCH" && req.headers()["upload-offset"] !== "0" && routes.hold) {
      routes.hold(route);
      return;
    }
    await route.continue();
  });
  const creates: Request[] = [];
  const patches: Request[] = [];
  ctx.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/v1/artifacts/uploads")) creates.push(r);
    if (r.method() === "PATCH" && UPLOAD_URL.test(r.url())) patches.push(r);
  });

  const page = await ctx.newPage();
  await page.goto(`/incidents/${incident.key}`);
  const section = page.getByTestId("incident-artifacts");
  let held = holdNextPatch(routes);
  await section.getByTestId("artifact-file-input").setInputFiles(file);
  const second = await held;
  const uploadUrl = second.request().url();
  expect(second.request().headers()["upload-offset"]).toBe(String(UPLOAD_CHUNK_BYTES));
  const row = section.getByTestId("upload-row");
  await expect(row).toHaveAttribute("data-phase", "uploading");

  // The server holds exactly the first chunk.
  const head = await ctx.request.head(uploadUrl, { headers: { "tus-resumable": "1.0.0" } });
  expect(head.status()).toBe(200);
  expect(head.headers()["upload-offset"]).toBe(String(UPLOAD_CHUNK_BYTES));
  expect(head.headers()["upload-length"]).toBe(String(size));
  expect(creates).toHaveLength(1);

  await page.reload();
  await expect(section.getByTestId("upload-row")).toHaveCount(0);
  // The request held before the reload died with the page; it never reached the server.
  await second.abort().catch(() => {});

  const patchesBefore = patches.length;
  held = holdNextPatch(routes);
  await section.getByTestId("artifact-file-input").setInputFiles(file);
  const resumed = await held;
  // Same upload, no new one created, continuing at the server's offset.
  expect(resumed.request().url()).toBe(uploadUrl);
  expect(resumed.request().headers()["upload-offset"]).toBe(String(UPLOAD_CHUNK_BYTES));
  expect(creates).toHaveLength(1);
  const pct = Math.round((UPLOAD_CHUNK_BYTES / size) * 100);
  await expect(row).toHaveAttribute("data-phase", "uploading");
  await expect(row.getByRole("progressbar")).toHaveAccessibleName(/^Resumed, uploading /);
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuenow", String(pct));
  await expect(row).not.toContainText("Hashing");

  await resumed.continue();
  await expect(row).toHaveAttribute("data-phase", "done", { timeout: 60_000 });
  // After the reload only the two remaining chunks were sent, none from offset 0.
  expect(patches.slice(patchesBefore).map((r) => r.headers()["upload-offset"])).toEqual([
    String(UPLOAD_CHUNK_BYTES),
    String(2 * UPLOAD_CHUNK_BYTES),
  ]);

  await row.getByRole("link", { name: "Open artifact" }).click();
  await page.waitForURL(/\/artifacts\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("hash-verified")).toBeVisible();
  await expect(page.getByTestId("custody-intact")).toBeVisible();
  const artifactId = page.url().split("/").at(-1)!;
  const detail = (await (await ctx.request.get(`/api/v1/artifacts/${artifactId}`)).json()) as {
    artifact: { sha256: string; sizeBytes: number };
    custody: { action: string }[];
    verification: { ok: boolean };
  };
  expect(detail.artifact.sha256).toBe(sha256);
  expect(detail.artifact.sizeBytes).toBe(size);
  expect(detail.custody.map((c) => c.action).slice(0, 3)).toEqual([
    "collected",
    "received",
    "verified",
  ]);
  expect(detail.verification.ok).toBe(true);
  // The stored URL is gone once the upload succeeded, so the same file again is a new upload.
  expect(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("tus::"))),
  ).toEqual([]);
  await ctx.close();
});
