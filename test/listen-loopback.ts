// The test route servers (agent, command, streaming) all listen the same way: on 127.0.0.1
// only, a free port unless one is asked for, and a close that does not wait for idle
// keep-alive connections (a test's close would otherwise hang until they time out).
import type http from "node:http";
import type { AddressInfo } from "node:net";

export async function listenOnLoopback(
  server: http.Server,
  opts: { port?: number; backlog?: number } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((r) =>
    opts.backlog === undefined
      ? server.listen(opts.port ?? 0, "127.0.0.1", () => r())
      : server.listen(opts.port ?? 0, "127.0.0.1", opts.backlog, () => r()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
