// The command routes served for one test file's describe block: started before its tests,
// closed after them, and the file's data directory (signing keys) removed. Kept apart from
// command-route-server.ts, which child processes and benchmarks import outside vitest.
import fs from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { dataDir } from "../lib/env.ts";
import { startCommandRouteServer } from "./command-route-server.ts";

export function serveCommandRoutes() {
  let server: Awaited<ReturnType<typeof startCommandRouteServer>> | undefined;
  beforeAll(async () => {
    server = await startCommandRouteServer();
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dataDir(), { recursive: true, force: true });
  });
  return {
    get url() {
      if (!server) throw new Error("the command route server is not started yet");
      return server.url;
    },
  };
}
