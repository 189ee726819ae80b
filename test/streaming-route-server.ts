// Serves real route handlers over node:http with the request body streamed (not buffered),
// dynamic segments filled in, and an optional fault that cuts the connection after N body
// bytes — a dropped upload: the handler gets exactly N bytes, the client no response.
import http from "node:http";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { listenOnLoopback } from "./listen-loopback.ts";

type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;
export type Route = { method: string; pattern: RegExp; handler: Handler };
export type BodyFault = (req: { method: string; path: string }) => number | null;

export async function startStreamingRouteServer(
  routes: Route[],
  cutAfterBytes: BodyFault = () => null,
) {
  const server = http.createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const match = routes
      .map((r) => ({ r, m: r.method === req.method ? r.pattern.exec(path) : null }))
      .find((x) => x.m);
    if (!match) {
      req.resume();
      res.writeHead(404);
      return res.end();
    }
    const cut = cutAfterBytes({ method: req.method!, path });
    let body: Readable = req;
    if (cut !== null) {
      let seen = 0;
      body = new Readable({ read() {} });
      req.on("data", (c: Buffer) => {
        if (seen >= cut) return;
        const take = c.subarray(0, Math.max(0, cut - seen));
        seen += take.length;
        if (take.length) body.push(take);
        if (seen >= cut) {
          // The server sees the body end after exactly `cut` bytes (as when the peer's FIN/RST
          // arrives after them) and the client sees its connection die without a response.
          body.push(null);
          req.socket.destroy();
        }
      });
      req.on("end", () => {
        if (seen < cut) body.push(null);
      });
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const hasBody = !["GET", "HEAD", "OPTIONS"].includes(req.method ?? "GET");
    const nreq = new NextRequest(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      ...(hasBody ? { body: Readable.toWeb(body) as ReadableStream, duplex: "half" } : {}),
    } as never);
    const response = await match.r.handler(nreq, {
      params: Promise.resolve({ ...(match.m!.groups ?? {}) }),
    });
    if (req.socket.destroyed) return;
    const out = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(out);
  });
  return listenOnLoopback(server);
}
