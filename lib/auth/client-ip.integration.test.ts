// Over real HTTP: the server wrapper `npm start` uses (scripts/peer-address.mjs) in front of
// the real enrolment route handler, so the address the per-IP limit counts is the one a
// client actually connects from, whatever X-Forwarded-For it writes.
import http from "node:http";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { POST as enroll } from "../../app/api/agent/v1/enroll/route.ts";
import {
  announcePeerHeader,
  PEER_HEADER as SERVER_PEER_HEADER,
  withPeerAddress,
} from "../../scripts/peer-address.mjs";
import { describeDb } from "../../test/db.ts";
import { env } from "../env.ts";
import { resetEnrollRateLimit } from "../hosts/enroll-rate-limit.ts";
import { PEER_HEADER } from "./client-ip.ts";

const PER_IP = env.BREAKWATER_ENROLL_PER_MINUTE;

describeDb("client IP behind our HTTP server", () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    announcePeerHeader();
    server = http.createServer(
      withPeerAddress(async (req: http.IncomingMessage, res: http.ServerResponse) => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers))
          if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
        const response = await enroll(
          new Request(`http://127.0.0.1${req.url}`, {
            method: req.method,
            headers,
            body: Buffer.concat(chunks),
          }) as never,
        );
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      }),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/agent/v1/enroll`;
  });
  afterAll(async () => {
    env.BREAKWATER_TRUSTED_PROXIES = "";
    await new Promise((r) => server?.close(r));
  });
  beforeEach(() => resetEnrollRateLimit());

  const attempt = (headers: Record<string, string>) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ token: "bwe_not-a-real-token", hostname: "h" }),
    }).then((r) => r.status);

  it("agrees with the server on the header name", () => {
    expect(SERVER_PEER_HEADER).toBe(PEER_HEADER);
  });

  it("counts a client by its socket address: a fresh X-Forwarded-For (or peer header) per request does not reset the per-IP limit", async () => {
    env.BREAKWATER_TRUSTED_PROXIES = "";
    for (let i = 0; i < PER_IP; i++) {
      expect(
        await attempt({
          "x-forwarded-for": `198.51.100.${i % 250}`,
          [PEER_HEADER]: `203.0.113.${i % 250}`,
        }),
      ).not.toBe(429);
    }
    expect(await attempt({ "x-forwarded-for": "192.0.2.77" })).toBe(429);
  });

  it("behind a trusted proxy counts the address the proxy appended, not what the client wrote left of it", async () => {
    env.BREAKWATER_TRUSTED_PROXIES = "127.0.0.0/8, ::1/128";
    for (let i = 0; i < PER_IP; i++) {
      expect(await attempt({ "x-forwarded-for": `10.${i}.0.1, 198.51.100.5` })).not.toBe(429);
    }
    expect(await attempt({ "x-forwarded-for": "1.1.1.1, 198.51.100.5" })).toBe(429);
    // Another client behind the same proxy has its own budget.
    expect(await attempt({ "x-forwarded-for": "198.51.100.6" })).not.toBe(429);
  });
});
