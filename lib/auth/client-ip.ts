import type net from "node:net";
import { env } from "../env.ts";
import { logger } from "../log.ts";
import { parseCidrList, resolveClientIp } from "../net/ip-address.ts";

// The socket address is put on every request by our HTTP server (scripts/serve.mjs, started
// by `npm start`), overwriting any client-sent header of that name. X-Forwarded-For alone is
// worthless here: Next only fills it in when the client did not send one.
export const PEER_HEADER = "x-breakwater-peer";
const PEER_FLAG = Symbol.for("breakwater.peerHeader");

let trusted: { source: string; list: net.BlockList | null } | null = null;
function trustedProxies(): net.BlockList | null {
  const source = env.BREAKWATER_TRUSTED_PROXIES;
  if (trusted?.source !== source)
    trusted = { source, list: source.trim() ? parseCidrList(source) : null };
  return trusted.list;
}

let warned = false;

/** The address of whoever sent this request: the socket peer, or — only when the peer is
 *  one of BREAKWATER_TRUSTED_PROXIES — the first untrusted hop of X-Forwarded-For counted
 *  from the right. Used for per-IP rate limits and the `ip` of audit and custody entries. */
export function clientIp(headers: Headers): string {
  if ((globalThis as Record<symbol, unknown>)[PEER_FLAG] !== PEER_HEADER) {
    // Served without scripts/serve.mjs (a bare `next start`): nothing on the request is
    // trustworthy, so every client shares one bucket rather than choosing its own.
    if (!warned)
      logger.warn("client address unknown: start the server with `npm start` (scripts/serve.mjs)");
    warned = true;
    return "unknown";
  }
  return resolveClientIp(
    headers.get(PEER_HEADER),
    headers.get("x-forwarded-for"),
    trustedProxies(),
  );
}
