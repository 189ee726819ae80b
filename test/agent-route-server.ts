// Serves the real agent route handlers (app/api/agent/v1/*) over a real node:http server in
// the test process, on whatever database the test selected with useDatabase(). Lets agent
// tests speak HTTP to the genuine server code without a production build, and lets a test
// inject network faults around it (a 503 before the handler, a lost response after commit).
import http from "node:http";
import { NextRequest } from "next/server";
import { listenOnLoopback } from "./listen-loopback.ts";

type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;
export type Fault = "none" | "unavailable" | "conflict" | "drop-before" | "drop-after-commit";
export type FaultPlan = (req: { method: string; path: string; n: number }) => Fault;

export async function startRouteServer(
  routes: Record<string, Handler>,
  faults: FaultPlan = () => "none",
) {
  let n = 0;
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = (req.url ?? "/").split("?")[0];
    const key = `${req.method} ${path}`;
    const handler = routes[key];
    const fault = faults({ method: req.method ?? "GET", path, n: n++ });
    if (fault === "drop-before") return req.socket.destroy();
    if (fault === "unavailable") {
      res.writeHead(503, { "content-type": "application/problem+json", "retry-after": "1" });
      return res.end(
        JSON.stringify({
          status: 503,
          title: "Service unavailable",
          detail: "injected",
          requestId: "test",
        }),
      );
    }
    // A 409 is no verdict on the events (docs/AGENT-PROTOCOL.md): the agent must keep them.
    if (fault === "conflict") {
      res.writeHead(409, { "content-type": "application/problem+json" });
      return res.end(
        JSON.stringify({ status: 409, title: "Conflict", detail: "injected", requestId: "test" }),
      );
    }
    if (!handler) {
      res.writeHead(404);
      return res.end();
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const response = await handler(
      new NextRequest(`http://127.0.0.1${req.url}`, { method: req.method, headers, body }),
      { params: Promise.resolve({}) },
    );
    const text = Buffer.from(await response.arrayBuffer());
    // The handler committed; the client never learns it. It must resend, and the server
    // must count the resend as duplicates, not store it again.
    if (fault === "drop-after-commit") return req.socket.destroy();
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(text);
  });
  return listenOnLoopback(server);
}
