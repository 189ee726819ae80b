// How our HTTP server hands the socket address to Next's route handlers and server actions
// (read back by lib/auth/client-ip.ts). Plain JS so Node runs it without a loader.

// Keep in step with PEER_HEADER in lib/auth/client-ip.ts (a test compares them).
export const PEER_HEADER = "x-breakwater-peer";

/** Tells lib/auth/client-ip.ts, in this process, that every request carries PEER_HEADER
 *  written by us. Without it (a bare `next start`) the header could be the client's. */
export function announcePeerHeader() {
  globalThis[Symbol.for("breakwater.peerHeader")] = PEER_HEADER;
}

/** Wraps a node:http request listener: the socket address replaces whatever the client sent
 *  under PEER_HEADER (assigning drops every client-sent value of it). */
export function withPeerAddress(listener) {
  return (req, res) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    return listener(req, res);
  };
}
