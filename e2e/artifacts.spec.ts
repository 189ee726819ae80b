// The artifact vault end to end against the production build: a 200 MB agent upload through
// the real server (no middleware may truncate it) checked byte for byte on download; a
// viewer cannot download; a responder drags files into the incident page and watches them
// arrive verified.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { expect, test } from "@playwright/test";
import {
  agentCredential,
  createDumpUpload,
  incidentFromEscape,
  patchWholeUpload,
} from "./support/agent.ts";
import { adminApi, browserAs, createUser } from "./support/factories.ts";
import { baseURL, SESSION_COOKIE, sessionCookie, signIn } from "./support/session.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bw-e2e-artifacts-"));
test.afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("a 200 MB agent upload goes through the real server whole and downloads byte for byte", async () => {
  test.setTimeout(5 * 60_000);
  const admin = await adminApi();
  const agent = await agentCredential(admin);
  const incident = await incidentFromEscape(agent.token, "e2e-artifacts");
  const size = 200 * 1024 * 1024;
  const file = path.join(tmp, "big.dmp");
  const fd = fs.openSync(file, "w");
  const hash = crypto.createHash("sha256");
  for (let i = 0; i < size / (8 << 20); i++) {
    const block = crypto.randomBytes(8 << 20);
    fs.writeSync(fd, block);
    hash.update(block);
  }
  fs.closeSync(fd);
  const sha256 = hash.digest("hex");

  const created = await createDumpUpload(agent.token, size, {
    filename: "big.dmp",
    sha256,
    incidentId: incident.id,
  });
  expect(created.status).toBe(201);
  const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream;
  const patched = await patchWholeUpload(agent.token, created, body, size);
  expect(patched.status, await patched.clone().text()).toBe(204);
  expect(patched.headers.get("upload-offset")).toBe(String(size));
  const artifactId = patched.headers.get("breakwater-artifact-id")!;

  const responder = await createUser("responder");
  const rApi = await signIn(responder);
  const cookie = `${SESSION_COOKIE}=${await sessionCookie(rApi)}`;
  const dl = await fetch(`${baseURL()}/api/v1/artifacts/${artifactId}/download`, {
    headers: { cookie },
  });
  expect(dl.status).toBe(200);
  expect(dl.headers.get("content-disposition")).toMatch(/^attachment;/);
  expect(dl.headers.get("x-content-type-options")).toBe("nosniff");
  expect(dl.headers.get("content-type")).toBe("application/octet-stream");
  const got = crypto.createHash("sha256");
  let bytes = 0;
  for await (const chunk of dl.body as unknown as AsyncIterable<Uint8Array>) {
    got.update(chunk);
    bytes += chunk.byteLength;
  }
  expect(bytes).toBe(size);
  expect(got.digest("hex")).toBe(sha256);

  const detail = (await (await rApi.get(`/api/v1/artifacts/${artifactId}`)).json()) as {
    custody: { action: string; actorLabel: string }[];
    verification: { ok: boolean };
  };
  expect(detail.custody.map((c) => c.action)).toEqual([
    "collected",
    "received",
    "verified",
    "downloaded",
  ]);
  expect(detail.custody[3].actorLabel).toBe(responder.name);
  expect(detail.verification.ok).toBe(true);

  const viewer = await signIn(await createUser("viewer"));
  const denied = await fetch(`${baseURL()}/api/v1/artifacts/${artifactId}/download`, {
    headers: { cookie: `${SESSION_COOKIE}=${await sessionCookie(viewer)}` },
  });
  expect(denied.status).toBe(403);
  await Promise.all([rApi.dispose(), viewer.dispose()]);
});

test("a responder drops two files on the incident page; each shows progress, then a verified artifact", async ({
  browser,
}) => {
  const admin = await adminApi();
  const agent = await agentCredential(admin);
  const incident = await incidentFromEscape(agent.token, "e2e-artifacts");
  const responder = await createUser("responder");
  const ctx = await browserAs(browser, responder);
  const page = await ctx.newPage();
  await page.goto(`/incidents/${incident.key}`);
  const section = page.getByTestId("incident-artifacts");
  await expect(
    section.getByRole("heading", { name: "Artifacts and chain of custody" }),
  ).toBeVisible();
  await section.getByTestId("artifact-file-input").setInputFiles([
    {
      name: "agent.log",
      mimeType: "text/plain",
      buffer: Buffer.from("line 1\nline 2\n".repeat(50_000)),
    },
    { name: "screen.png", mimeType: "image/png", buffer: crypto.randomBytes(3 * 1024 * 1024) },
  ]);
  await expect(section.locator('[data-testid="upload-row"][data-phase="done"]')).toHaveCount(2, {
    timeout: 30_000,
  });
  await expect(
    section.getByTestId("artifacts-table").getByRole("link", { name: "screen.png" }),
  ).toBeVisible({ timeout: 15_000 });
  await section.getByTestId("artifacts-table").getByRole("link", { name: "agent.log" }).click();
  await expect(page.getByTestId("hash-verified")).toBeVisible();
  await expect(page.getByTestId("custody-intact")).toBeVisible();
  await expect(page.getByTestId("download-artifact")).toBeVisible();
  await ctx.close();
});
