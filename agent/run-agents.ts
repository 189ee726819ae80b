// Runs one host or a fleet of N simulated hosts in this process, each with its own
// sub-state dir (DIR/host-0001 …) and credential. Finite runs (`maxEvents` or `durationMs`)
// stop generating, wait for every queue to drain, and return; otherwise they run until
// `signal` aborts. Whatever is still queued at exit is sent on the next run.
import path from "node:path";
import { AgentFatalError, type HostAgentOptions } from "./agent-options.ts";
import { sleep } from "./backoff.ts";
import { HostAgent } from "./host-agent.ts";

export type RunAgentsOptions = Omit<HostAgentOptions, "stateDir" | "hostname"> & {
  stateDir: string;
  fleet?: number;
  hostname?: string;
  durationMs?: number;
  /** How long a finite run waits for queues to drain after generating (default 120 s). */
  drainTimeoutMs?: number;
  signal: AbortSignal;
  onStats?: (s: FleetStats) => void;
  statsEveryMs?: number;
};

export type FleetStats = {
  hosts: number;
  enrolled: number;
  generated: number;
  queued: number;
  accepted: number;
  duplicates: number;
  retries: number;
  deadLettered: number;
  lastError: string | null;
};

export type RunResult = {
  agents: HostAgent[];
  stats: FleetStats;
  drained: boolean;
  fatal: AgentFatalError | null;
};

export function fleetStateDir(base: string, index: number) {
  return path.join(base, `host-${String(index + 1).padStart(4, "0")}`);
}

export function collectStats(agents: HostAgent[]): FleetStats {
  const s: FleetStats = {
    hosts: agents.length,
    enrolled: 0,
    generated: 0,
    queued: 0,
    accepted: 0,
    duplicates: 0,
    retries: 0,
    deadLettered: 0,
    lastError: null,
  };
  for (const a of agents) {
    if (a.credential) s.enrolled++;
    s.generated += a.queue.generated;
    s.queued += a.queue.size;
    s.accepted += a.stats.accepted;
    s.duplicates += a.stats.duplicates;
    s.retries += a.stats.retries;
    s.deadLettered += a.stats.deadLettered;
    s.lastError = a.stats.lastError ?? s.lastError;
  }
  return s;
}

export async function openAgents(opts: RunAgentsOptions): Promise<HostAgent[]> {
  const n = opts.fleet ?? 1;
  const agents: HostAgent[] = [];
  try {
    for (let i = 0; i < n; i++) {
      agents.push(
        await HostAgent.open({
          ...opts,
          stateDir: n === 1 && !opts.fleet ? opts.stateDir : fleetStateDir(opts.stateDir, i),
          hostname:
            n === 1 && !opts.fleet
              ? opts.hostname
              : `${opts.hostname ?? "ws-fleet"}-${String(i + 1).padStart(4, "0")}`,
          realOs: n === 1 && !opts.fleet && opts.hostname !== undefined,
        }),
      );
    }
  } catch (e) {
    await Promise.all(agents.map((a) => a.close()));
    throw e;
  }
  return agents;
}

export async function runAgents(opts: RunAgentsOptions): Promise<RunResult> {
  const agents = await openAgents(opts);
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  opts.signal.addEventListener("abort", onAbort, { once: true });
  // A stop that came while the agents were opening has fired already; the listener never will.
  if (opts.signal.aborted) stop.abort();
  const generate = new AbortController();
  const finite = opts.maxEvents !== undefined || opts.durationMs !== undefined;
  const durationTimer =
    opts.durationMs !== undefined ? setTimeout(() => generate.abort(), opts.durationMs) : null;
  const statsTimer = opts.onStats
    ? setInterval(() => opts.onStats!(collectStats(agents)), opts.statsEveryMs ?? 5000)
    : null;
  let fatal: AgentFatalError | null = null;
  let drained = false;

  // Hosts whose run ended (a fatal error): a finite run must not wait for them to generate or
  // drain — it would wait for ever (a host that could not enroll hung the soak); `fatal` says why.
  const ended = new Set<HostAgent>();
  const runs = agents.map((a) =>
    a
      .run(stop.signal, { generate: generate.signal })
      .catch((e) => {
        if (e instanceof AgentFatalError) fatal ??= e;
        else fatal ??= new AgentFatalError(`${a.hostname}: ${(e as Error).message}`, 1);
        // One host's broken credential must not take the fleet down; a lone host stops.
        if (agents.length === 1) stop.abort();
      })
      .finally(() => ended.add(a)),
  );

  if (finite) {
    const finishing = (async () => {
      while (
        !stop.signal.aborted &&
        !generate.signal.aborted &&
        !agents.every((a) => a.generationDone || ended.has(a))
      )
        await sleep(100, stop.signal);
      generate.abort();
      const deadline = AbortSignal.any([
        stop.signal,
        AbortSignal.timeout(opts.drainTimeoutMs ?? 120_000),
      ]);
      await Promise.all(agents.filter((a) => !ended.has(a)).map((a) => a.drained(deadline)));
      drained = agents.every((a) => a.queue.size === 0);
      stop.abort();
    })();
    await finishing;
  }
  await Promise.all(runs);
  if (durationTimer) clearTimeout(durationTimer);
  if (statsTimer) clearInterval(statsTimer);
  opts.signal.removeEventListener("abort", onAbort);
  const stats = collectStats(agents);
  drained = drained || stats.queued === 0;
  await Promise.all(agents.map((a) => a.close()));
  return { agents, stats, drained, fatal };
}
