// The gzip that `next start` puts in front of every route (next/dist/compiled/compression, the
// `compression` middleware) must skip agent replies and keep compressing everything else.
import http from "node:http";
import type { AddressInfo } from "node:net";
// @ts-expect-error Next ships this compiled copy without types; it is the one `next start` runs.
import compression from "next/dist/compiled/compression";
import { afterAll, beforeAll, expect, it } from "vitest";
import { agentReply } from "./with-agent.ts";

const compress: (req: unknown, res: unknown, next: () => void) => void = compression();
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    compress(req, res, async () => {
      const body = JSON.stringify({ accepted: 1, duplicates: 0, incidentIds: ["x".repeat(2000)] });
      const plain = Response.json(JSON.parse(body), { headers: { "cache-control": "no-store" } });
      const web = req.url === "/agent" ? agentReply(plain, "req-1") : plain;
      res.writeHead(web.status, Object.fromEntries(web.headers));
      // Streamed without a Content-Length, as Next writes a route handler's body.
      res.write(await web.text());
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const encodingOf = async (path: string) => {
  const res = await fetch(base + path, { headers: { "accept-encoding": "gzip" } });
  await res.arrayBuffer();
  return { encoding: res.headers.get("content-encoding"), cc: res.headers.get("cache-control") };
};

it("leaves agent replies uncompressed and keeps their cache-control", async () => {
  expect(await encodingOf("/agent")).toEqual({ encoding: null, cc: "no-store, no-transform" });
});

it("still compresses other replies", async () => {
  expect(await encodingOf("/console")).toEqual({ encoding: "gzip", cc: "no-store" });
});
