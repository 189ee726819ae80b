// The agent's tus uploader against the real artifact route handlers over real HTTP (body
// streamed, never buffered), with connections cut at random offsets.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uploadArtifact } from "../../agent/upload-artifact.ts";
import * as item from "../../app/api/agent/v1/artifacts/[uploadId]/route.ts";
import * as collection from "../../app/api/agent/v1/artifacts/route.ts";
import { hashToken, newSecret } from "../../lib/hosts/tokens.ts";
import {
  filesUnder,
  seedIncidentWithHost,
  sha,
  useTempLocalStorage,
} from "../artifact-fixtures.ts";
import { describeDb } from "../db.ts";
import { startStreamingRouteServer } from "../streaming-route-server.ts";

const routes = [
  { method: "POST", pattern: /^\/api\/agent\/v1\/artifacts$/, handler: collection.POST },
  { method: "OPTIONS", pattern: /^\/api\/agent\/v1\/artifacts$/, handler: collection.OPTIONS },
  {
    method: "HEAD",
    pattern: /^\/api\/agent\/v1\/artifacts\/(?<uploadId>[^/]+)$/,
    handler: item.HEAD,
  },
  {
    method: "PATCH",
    pattern: /^\/api\/agent\/v1\/artifacts\/(?<uploadId>[^/]+)$/,
    handler: item.PATCH,
  },
  {
    method: "DELETE",
    pattern: /^\/api\/agent\/v1\/artifacts\/(?<uploadId>[^/]+)$/,
    handler: item.DELETE,
  },
] as never[];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bw-agent-upload-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describeDb("agent artifact upload over HTTP", (t) => {
  let server: Awaited<ReturnType<typeof startStreamingRouteServer>>;
  let cuts: number[] = [];
  let store: ReturnType<typeof useTempLocalStorage>;
  beforeAll(async () => {
    store = useTempLocalStorage();
    server = await startStreamingRouteServer(routes, (r) =>
      r.method === "PATCH" && cuts.length ? cuts.shift()! : null,
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  async function hostWithToken() {
    const s = await seedIncidentWithHost(t.db);
    const token = newSecret("bwh");
    await t.db.host.update({ where: { id: s.host.id }, data: { tokenHash: hashToken(token) } });
    return { ...s, token };
  }
  const tus = (token: string) => ({ authorization: `Bearer ${token}`, "tus-resumable": "1.0.0" });
  const create = (token: string, length: string, meta: string) =>
    fetch(`${server.url}/api/agent/v1/artifacts`, {
      method: "POST",
      headers: { ...tus(token), "upload-length": length, "upload-metadata": meta },
    });
  const patchFromZero = (
    loc: string,
    token: string,
    body: string,
    contentType = "application/offset+octet-stream",
  ) =>
    fetch(loc, {
      method: "PATCH",
      headers: { ...tus(token), "upload-offset": "0", "content-type": contentType },
      body,
    });
  // Upload-Metadata: comma-separated "key base64(value)" pairs.
  const metadata = (fields: Record<string, string>) =>
    Object.entries(fields)
      .map(([k, v]) => `${k} ${Buffer.from(v).toString("base64")}`)
      .join(",");
  const ask = (loc: string, token: string, method: "HEAD" | "DELETE") =>
    fetch(loc, { method, headers: tus(token) });

  it("uploads a file whose connection is cut at two random offsets, resumes from HEAD and stores the exact bytes", async () => {
    const { incident, token } = await hostWithToken();
    const bytes = crypto.randomBytes(12 * 1024 * 1024 + 333);
    const file = path.join(tmp, "proc.dmp");
    fs.writeFileSync(file, bytes);
    const first = crypto.randomInt(1, 5 * 1024 * 1024);
    cuts = [first, crypto.randomInt(1, bytes.length - first)];
    const r = await uploadArtifact(
      { server: server.url, token, backoff: { baseMs: 5, maxMs: 50 } },
      file,
      { filename: "proc.dmp", kind: "process_dump", incidentId: incident.id },
    );
    expect(cuts).toEqual([]);
    // Both cuts kept their bytes: the uploader resumed from a non-zero offset each time.
    expect(r.resumes).toBeGreaterThanOrEqual(2);
    expect(r.sha256).toBe(sha(bytes));
    const a = await t.db.artifact.findUniqueOrThrow({ where: { id: r.artifactId } });
    expect(a).toMatchObject({
      sha256: sha(bytes),
      sizeBytes: BigInt(bytes.length),
      incidentId: incident.id,
    });
    expect(
      fs
        .readFileSync(
          path.join(store.root, "sha256", a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256),
        )
        .equals(bytes),
    ).toBe(true);
  });

  it("speaks tus: OPTIONS discovery, 412 without Tus-Resumable, 415 for a wrong body type, 401 without a host token", async () => {
    const { incident, token } = await hostWithToken();
    const opt = await fetch(`${server.url}/api/agent/v1/artifacts`, { method: "OPTIONS" });
    expect(opt.status).toBe(204);
    expect(opt.headers.get("tus-version")).toBe("1.0.0");
    expect(Number(opt.headers.get("tus-max-size"))).toBeGreaterThan(0);
    const meta = metadata({
      filename: "a.log",
      kind: "log",
      sha256: sha(Buffer.from("hi")),
      incidentId: incident.id,
    });
    const noTus = await fetch(`${server.url}/api/agent/v1/artifacts`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "upload-length": "2", "upload-metadata": meta },
    });
    expect(noTus.status).toBe(412);
    expect(noTus.headers.get("content-type")).toBe("application/problem+json");
    const anon = await fetch(`${server.url}/api/agent/v1/artifacts`, {
      method: "POST",
      headers: { "tus-resumable": "1.0.0", "upload-length": "2", "upload-metadata": meta },
    });
    expect(anon.status).toBe(401);
    const created = await create(token, "2", meta);
    expect(created.status).toBe(201);
    const loc = new URL(created.headers.get("location")!, server.url).toString();
    const wrongType = await patchFromZero(loc, token, "hi", "application/json");
    expect(wrongType.status).toBe(415);
    const ok = await patchFromZero(loc, token, "hi");
    expect(ok.status).toBe(204);
    expect(ok.headers.get("upload-offset")).toBe("2");
    // Termination: an abandoned upload disappears (and a completed one cannot be terminated).
    const second = await create(token, "2", meta);
    const loc2 = new URL(second.headers.get("location")!, server.url).toString();
    expect((await ask(loc2, token, "DELETE")).status).toBe(204);
    expect((await ask(loc2, token, "HEAD")).status).toBe(404);
    expect((await ask(loc, token, "DELETE")).status).toBe(409);
    // A client whose last response was lost learns the outcome from HEAD.
    const head = await ask(loc, token, "HEAD");
    expect(head.headers.get("upload-offset")).toBe("2");
    expect(head.headers.get("breakwater-artifact-id")).toBe(
      ok.headers.get("breakwater-artifact-id"),
    );
  });

  it("a file that does not match its declared hash gets 460 over HTTP and leaves no blob, row or staging file", async () => {
    const { incident, token } = await hostWithToken();
    const before = { rows: await t.db.artifact.count(), files: filesUnder(store.root).length };
    const meta = metadata({
      filename: "x.bin",
      kind: "other",
      sha256: "ab".repeat(32),
      incidentId: incident.id,
    });
    const created = await create(token, "5", meta);
    const loc = new URL(created.headers.get("location")!, server.url).toString();
    const res = await patchFromZero(loc, token, "hello");
    expect(res.status).toBe(460);
    expect(await res.json()).toMatchObject({
      status: 460,
      computedSha256: sha(Buffer.from("hello")),
    });
    expect(await t.db.artifact.count()).toBe(before.rows);
    expect(filesUnder(store.root).length).toBe(before.files);
    const head = await ask(loc, token, "HEAD");
    expect(head.status).toBe(404);
  });
});
