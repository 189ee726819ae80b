// What a drill integration test needs around the engine: the agent routes served over HTTP for
// the in-process fleet, and a playbooks folder holding the unsigned-plugin playbook and the
// test's own scenario file; three users; optionally the timer worker.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { approveCommandRequest } from "../../lib/commands/approve-command-request.ts";
import { issueCommand } from "../../lib/commands/issue-command.ts";
import { setDrillServerUrl } from "../../lib/drills/drill-fleet.ts";
import { startDrill } from "../../lib/drills/start-drill.ts";
import { dataDir } from "../../lib/env.ts";
import type { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { syncPlaybookFiles } from "../../lib/playbooks/sync-playbook-files.ts";
import { runDueTimers } from "../../lib/timers/run-due-timers.ts";
import { registeredTimerHandlers } from "../../lib/timers/timer-registry.ts";
import { startCommandRouteServer } from "../command-route-server.ts";
import { createTestUser } from "../playbook-fixtures.ts";

type Participant = { userId: string; role: string };

/** Polls fn until ok(value), failing with the last value after ms. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  ms = 30_000,
) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** `timerWorker`: poll due timers every 100 ms as boot does (the inject driver fires through
 *  lib/timers only). */
export async function openDrillTestEnv(
  db: PrismaClient,
  scenarioSlug: string,
  scenarioYaml: string,
  opts: { timerWorker?: boolean } = {},
) {
  const server = await startCommandRouteServer();
  setDrillServerUrl(server.url);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bw-drill-pb-"));
  fs.cpSync(path.resolve("playbooks/unsigned-plugin"), path.join(dir, "unsigned-plugin"), {
    recursive: true,
  });
  fs.mkdirSync(path.join(dir, "drills"));
  fs.writeFileSync(path.join(dir, "drills", `${scenarioSlug}.yaml`), scenarioYaml);
  await syncPlaybookFiles({ db });
  // The cast every drill test plays with: one who runs it, one who approves, one who responds.
  const facilitator = await createTestUser(db, "manager");
  const manager = await createTestUser(db, "manager");
  const responder = await createTestUser(db, "responder");
  let busy = false;
  const worker = opts.timerWorker
    ? setInterval(async () => {
        if (busy) return;
        busy = true;
        await runDueTimers(registeredTimerHandlers(), { db }).finally(() => (busy = false));
      }, 100)
    : null;
  return {
    playbooksDir: dir,
    serverUrl: server.url,
    facilitator,
    manager,
    responder,
    /** Starts the scenario as the facilitator, the responder playing `investigator` unless
     *  other participants are given. */
    start: (o: { speed?: number; pollWaitSeconds?: number; participants?: Participant[] } = {}) =>
      startDrill(
        {
          scenario: scenarioSlug,
          speed: o.speed ?? 10,
          participants: o.participants ?? [
            { userId: facilitator.id, role: "facilitator" },
            { userId: responder.id, role: "investigator" },
          ],
        },
        facilitator.actor,
        db,
        { pollWaitSeconds: o.pollWaitSeconds ?? 1, playbooksDir: dir },
      ),
    /** Quarantines the plugin for the incident as the responder (`target`: hostIds or a
     *  fleet selector); the manager approves when the request needs it. */
    async quarantine(plugin: string, incidentId: string, target: Record<string, unknown>) {
      const r = await issueCommand(
        {
          type: "quarantine_plugin",
          params: { plugin: { name: plugin } },
          comment: "drill containment",
          incidentId,
          ...target,
        },
        { ...responder.actor, role: "responder" },
        db,
      );
      if (r.approval === "pending")
        await approveCommandRequest(r.requestId, { ...manager.actor, role: "manager" }, "ok", db);
      return r;
    },
    async close() {
      if (worker) clearInterval(worker);
      setDrillServerUrl(null);
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(dataDir(), { recursive: true, force: true });
    },
  };
}

export type DrillTestEnv = Awaited<ReturnType<typeof openDrillTestEnv>>;

/** Opens the environment before the file's tests and closes it after them; the object it
 *  returns is filled in by then. */
export function useDrillTestEnv(
  t: { db: PrismaClient },
  scenarioSlug: string,
  scenarioYaml: string,
  opts: { timerWorker?: boolean } = {},
): DrillTestEnv {
  const env = {} as DrillTestEnv;
  beforeAll(async () => {
    Object.assign(env, await openDrillTestEnv(t.db, scenarioSlug, scenarioYaml, opts));
  });
  afterAll(() => env.close?.());
  return env;
}
