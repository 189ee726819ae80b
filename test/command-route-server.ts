// The real agent route handlers, including the dynamic commands routes, over a real
// node:http server: used by the commands integration tests and the kill -9 crash test (in a
// child process, test/crash-server.ts). No Next build, no mocks: the same handler code.
import http from "node:http";
import { NextRequest } from "next/server";
import { POST as receiptsRoute } from "../app/api/agent/v1/commands/[id]/receipts/route.ts";
import { GET as commandsRoute } from "../app/api/agent/v1/commands/route.ts";
import { POST as enrollRoute } from "../app/api/agent/v1/enroll/route.ts";
import { POST as eventsRoute } from "../app/api/agent/v1/events/route.ts";
import { PUT as inventoryRoute } from "../app/api/agent/v1/inventory/route.ts";
import { GET as keysRoute } from "../app/api/agent/v1/server-keys/route.ts";
import { listenOnLoopback } from "./listen-loopback.ts";

type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;
type Route = { method: string; re: RegExp; handler: Handler };

export const AGENT_ROUTES: Route[] = [
  { method: "POST", re: /^\/api\/agent\/v1\/enroll$/, handler: enrollRoute as Handler },
  { method: "PUT", re: /^\/api\/agent\/v1\/inventory$/, handler: inventoryRoute as Handler },
  { method: "POST", re: /^\/api\/agent\/v1\/events$/, handler: eventsRoute as Handler },
  { method: "GET", re: /^\/api\/agent\/v1\/commands$/, handler: commandsRoute as Handler },
  {
    method: "POST",
    re: /^\/api\/agent\/v1\/commands\/(?<id>[^/]+)\/receipts$/,
    handler: receiptsRoute as Handler,
  },
  { method: "GET", re: /^\/api\/agent\/v1\/server-keys$/, handler: keysRoute as Handler },
];

export type Extra = (
  req: http.IncomingMessage,
  body: Buffer,
  res: http.ServerResponse,
) => Promise<boolean>;

export async function startCommandRouteServer(
  opts: { port?: number; extra?: Extra; onRequest?: (method: string, path: string) => void } = {},
) {
  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      const path = (req.url ?? "/").split("?")[0];
      opts.onRequest?.(req.method ?? "GET", path);
      if (opts.extra && (await opts.extra(req, body, res))) return;
      const route = AGENT_ROUTES.find((r) => r.method === req.method && r.re.test(path));
      if (!route) {
        res.writeHead(404);
        return res.end();
      }
      const params = (route.re.exec(path)?.groups ?? {}) as Record<string, string>;
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string") headers.set(k, v);
      const ac = new AbortController();
      // The response closing (client gone, long-poll abandoned) ends the wait; per request, not per keep-alive socket.
      res.once("close", () => ac.abort());
      const request = new NextRequest(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers,
        body: body.length ? body : undefined,
        signal: ac.signal,
      });
      const response = await route.handler(request, { params: Promise.resolve(params) });
      const text = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(text);
    } catch (e) {
      res.writeHead(500);
      res.end(String(e));
    }
  });
  server.keepAliveTimeout = 65_000;
  server.maxConnections = 10_000;
  return listenOnLoopback(server, { port: opts.port, backlog: 4096 });
}
