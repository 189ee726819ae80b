// The HTTP server in front of Next.js (a Next "custom server"), started by scripts/start.ts.
// It exists for one reason: Next does not hand route handlers or server actions the socket
// address, and the X-Forwarded-For it sets is only filled in when the client did not send
// one, so the client writes it. See scripts/peer-address.mjs and lib/auth/client-ip.ts.
import http from "node:http";
import next from "next";
import { announcePeerHeader, withPeerAddress } from "./peer-address.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT) || 3000;
const hostname = process.env.HOSTNAME || undefined;

announcePeerHeader();
// No default hostname, as with `next start`: Next would build request URLs from it, and
// next-auth's OIDC callback would then disagree with the host the browser used.
const app = next({ dev, port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer(withPeerAddress((req, res) => void handle(req, res)));
server.listen(port, hostname, () =>
  console.log(
    `▲ Breakwater ready on http://${hostname ?? "localhost"}:${port}${dev ? " (dev)" : ""}`,
  ),
);

let closing = false;
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    // Finish the requests in flight, then let Next close (it runs `after` work), then exit.
    server.close(
      () =>
        void app
          .close()
          .catch(console.error)
          .finally(() => process.exit(sig === "SIGINT" ? 130 : 143)),
    );
    server.closeIdleConnections();
    if (dev) server.closeAllConnections();
  });
}
