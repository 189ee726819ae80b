import "server-only";
import crypto from "node:crypto";
import path from "node:path";
import { sleep } from "../../agent/backoff.ts";
import { type CommandFault, commandLoop } from "../../agent/commands/command-loop.ts";
import { HostAgent } from "../../agent/host-agent.ts";
import { pluginSha256 } from "../../agent/simulated-inventory.ts";
import { pollInFlight } from "../commands/waiters.ts";
import { dataDir, env } from "../env.ts";
import { logger } from "../log.ts";
import { processSingleton } from "../process-singleton.ts";
import type { Plugin } from "../protocol/hosts.ts";
import type { HostSelector, Inject, Scenario } from "./scenario-schema.ts";

// A drill's simulated fleet: the reference agent (agent/, the code of `npm run agent`), one
// HostAgent per scenario host, living in this server process and speaking the real protocol
// over HTTP to this same server (enrol, inventory, events, the commands long-poll, receipts).
// The registry is a process singleton keyed by run id. A fleet is not durable: this instance
// owns its runs (drill-heartbeat.ts), and when it stops, another instance or its own next
// start ends them (end-orphaned-drills.ts) rather than pretend to resume hosts whose in-memory
// faults and timers are gone.

type Member = {
  agent: HostAgent;
  stop: AbortController | null;
  done: Promise<void> | null;
  faults: Map<string, CommandFault>;
};
export type DrillFleet = { runId: string; members: Member[]; stopped: boolean };

const fleets = processSingleton("drillFleets", () => new Map<string, DrillFleet>());
const serverUrl = processSingleton("drillServerUrl", () => ({ value: null as string | null }));

/** Where the fleet reaches this server: loopback on our own port unless told otherwise
 *  (tests serve the routes on an ephemeral port). */
export function setDrillServerUrl(url: string | null) {
  serverUrl.value = url;
}
const drillServer = () => serverUrl.value ?? `http://127.0.0.1:${env.PORT}`;

export const drillStateDir = (runId: string) => path.join(dataDir(), "drills", runId);

const fullPlugin = (p: { name: string; version: string }): Plugin => ({
  name: p.name,
  version: p.version,
  origin: "https://plugins.drill.invalid",
  signer: "CN=Drill Plugins",
  sha256: pluginSha256(p.name, p.version),
  permissions: ["fs.read:workspace", "clipboard.read", "net.fetch:*"],
  state: "active",
});

/** Which members an inject's selector picks: N after `skip`, a share (rounded up), or all. */
export function selectHosts<T>(members: readonly T[], sel: HostSelector): T[] {
  if (sel === "all") return [...members];
  if ("percent" in sel) return members.slice(0, Math.ceil((members.length * sel.percent) / 100));
  const skip = sel.skip ?? 0;
  return members.slice(skip, skip + sel.count);
}

export function getDrillFleet(runId: string): DrillFleet | null {
  return fleets.get(runId) ?? null;
}
export const runningFleetIds = () => [...fleets.keys()];

/** Opens one agent per host (state dirs under the data dir) and registers the fleet, before
 *  the run commits: the first injects (T+0) must find every host, even before they enrol.
 *  Nothing runs until startFleetAgents. */
export async function openDrillFleet(
  runId: string,
  scenario: Scenario,
  enrollmentToken: string,
  opts: { pollWaitSeconds?: number } = {},
): Promise<DrillFleet> {
  if (fleets.has(runId)) return fleets.get(runId)!;
  const fleet: DrillFleet = { runId, members: [], stopped: false };
  const inventory = scenario.fleet.plugins.map(fullPlugin);
  for (let i = 0; i < scenario.fleet.hosts; i++) {
    const n = String(i + 1).padStart(4, "0");
    const faults = new Map<string, CommandFault>();
    const agent = await HostAgent.open({
      server: drillServer(),
      stateDir: path.join(drillStateDir(runId), `host-${n}`),
      enrollmentToken,
      hostname: `${scenario.fleet.hostnamePrefix}-${n}`,
      scenario: "quiet",
      loops: [
        commandLoop({
          waitSeconds: opts.pollWaitSeconds ?? 20,
          faultFor: (type) => faults.get(type) ?? null,
        }),
      ],
      backoff: { baseMs: 200, maxMs: 5_000 },
      log: (level, msg, fields) =>
        level === "error" || level === "warn"
          ? logger.warn(`drill agent: ${msg}`, { drillRunId: runId, ...fields })
          : undefined,
    });
    // A drill host runs the scenario's plugins and nothing else: what it reports is what the
    // scenario says, the same on every run.
    agent.inventory = inventory;
    await agent.state.saveInventory(inventory);
    fleet.members.push({ agent, stop: null, done: null, faults });
  }
  fleets.set(runId, fleet);
  return fleet;
}

/** Starts every agent in the background: it enrols with the run's token (queued events wait
 *  for that) and runs its loops until the fleet is stopped or its host goes offline. */
export function startFleetAgents(runId: string) {
  const fleet = fleets.get(runId);
  if (fleet) for (const m of fleet.members) startMember(fleet, m);
}

function startMember(fleet: DrillFleet, m: Member) {
  if (m.stop || fleet.stopped) return;
  const stop = new AbortController();
  m.stop = stop;
  m.done = m.agent.run(stop.signal).catch((error) =>
    logger.warn("drill agent stopped", {
      drillRunId: fleet.runId,
      host: m.agent.hostname,
      error,
    }),
  );
}

async function stopMember(m: Member) {
  m.stop?.abort();
  await m.done;
  // The agent abandoned its long-poll; the server learns it when the socket closes. Only then
  // is the host offline: a command issued after the inject must stay queued, not be leased to
  // a poll nobody reads. Bounded, so a wedged handler cannot hold up the end of a drill.
  const hostId = m.agent.hostId;
  for (let waited = 0; hostId && pollInFlight(hostId) && waited < 5_000; waited += 10)
    await sleep(10);
  m.stop = null;
  m.done = null;
}

/** Applies one fleet inject to the selected hosts; returns how many hosts it touched. */
export async function applyFleetInject(
  fleet: DrillFleet,
  inject: Exclude<Inject, { kind: "message" }>,
): Promise<number> {
  const chosen = selectHosts(fleet.members, inject.hosts);
  const now = new Date().toISOString();
  const eventsFor = (
    plugin: { name: string; version: string },
    type: string,
    severity: string,
    n: number,
  ) =>
    Array.from({ length: n }, (_, k) => ({
      eventId: crypto.randomUUID(),
      type: type as never,
      observedAt: now,
      severity: severity as never,
      plugin: {
        name: plugin.name,
        version: plugin.version,
        sha256: pluginSha256(plugin.name, plugin.version),
      },
      details: { drill: true, inject: inject.id, n: k + 1 },
    }));
  for (const m of chosen) {
    switch (inject.kind) {
      case "events":
        await m.agent.emit(
          eventsFor(inject.plugin, inject.eventType, inject.severity, inject.perHost),
        );
        break;
      case "plugin_joins": {
        if (!m.agent.inventory.some((p) => p.name === inject.plugin.name)) {
          m.agent.inventory = [...m.agent.inventory, fullPlugin(inject.plugin)];
          await m.agent.state.saveInventory(m.agent.inventory);
        }
        await m.agent.emit(eventsFor(inject.plugin, inject.eventType, inject.severity, 1));
        break;
      }
      case "host_offline":
        await stopMember(m);
        break;
      case "host_online":
        startMember(fleet, m);
        break;
      case "command_fails":
        m.faults.set(inject.commandType, { kind: "fail", reason: inject.reason });
        break;
      case "command_silent":
        m.faults.set(inject.commandType, { kind: "silent" });
        break;
      case "command_rejected":
        m.faults.set(inject.commandType, { kind: "reject", reason: inject.reason });
        break;
    }
  }
  return chosen.length;
}

export function fleetConnectivity(runId: string): { online: number; offline: number } | null {
  const f = fleets.get(runId);
  if (!f) return null;
  const online = f.members.filter((m) => m.stop !== null).length;
  return { online, offline: f.members.length - online };
}

/** Stops every agent of the run (their loops end, their long-polls are aborted) and forgets
 *  the fleet. Idempotent. */
export async function stopDrillFleet(runId: string) {
  const f = fleets.get(runId);
  if (!f) return;
  f.stopped = true;
  fleets.delete(runId);
  await Promise.all(f.members.map((m) => stopMember(m)));
  await Promise.all(f.members.map((m) => m.agent.close()));
}
