// What a drill integration test needs around the engine: the agent routes served over HTTP for
// the in-process fleet, and a playbooks folder holding the unsigned-plugin playbook and the
// test's own scenario file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../../lib/db/index.ts";
import { setDrillServerUrl } from "../../lib/drills/drill-fleet.ts";
import { dataDir } from "../../lib/env.ts";
import { syncPlaybookFiles } from "../../lib/playbooks/sync-playbook-files.ts";
import { startCommandRouteServer } from "../command-route-server.ts";

export async function openDrillTestEnv(db: Db, scenarioSlug: string, scenarioYaml: string) {
  const server = await startCommandRouteServer();
  setDrillServerUrl(server.url);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bw-drill-pb-"));
  fs.cpSync(path.resolve("playbooks/unsigned-plugin"), path.join(dir, "unsigned-plugin"), {
    recursive: true,
  });
  fs.mkdirSync(path.join(dir, "drills"));
  fs.writeFileSync(path.join(dir, "drills", `${scenarioSlug}.yaml`), scenarioYaml);
  await syncPlaybookFiles({ db });
  return {
    playbooksDir: dir,
    serverUrl: server.url,
    async close() {
      setDrillServerUrl(null);
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(dataDir(), { recursive: true, force: true });
    },
  };
}
