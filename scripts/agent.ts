// npm run agent -- --server URL --enroll TOKEN --state DIR [--scenario escape|violation|quiet]
// The Breakwater reference agent: see docs/AGENT.md for every flag and the state dir layout.
import { parseArgs } from "node:util";
import { AgentFatalError } from "../agent/agent-options.ts";
import { commandLoop } from "../agent/commands/command-loop.ts";
import { runAgents } from "../agent/run-agents.ts";
import { SCENARIOS, type Scenario } from "../agent/scenarios.ts";

const USAGE = `Usage: npm run agent -- --server URL --state DIR [options]

  --server URL        Breakwater base URL, e.g. http://localhost:3000 (required)
  --state DIR         state dir: credential, inventory, event queue (required)
  --enroll TOKEN      enrollment token; needed on the first run only
  --hostname NAME     hostname to enroll with (default: a simulated one)
  --scenario S        escape | violation | quiet (default quiet)
  --events N          generate N events per host in total (across restarts), drain, exit
  --rate R            events per second per host (default: the scenario's own rhythm)
  --duration D        generate for D (e.g. 30s, 5m), drain, exit
  --fleet N           run N simulated hosts in this process (DIR/host-0001 …)
  --drain-timeout D   how long a finite run waits for its queue to drain (default 2m)
  --quiet-log         only warnings and errors on stderr
  --help              this text

Exit codes: 0 done (queue drained), 1 error or queue not drained, 2 usage,
3 enrollment refused, 4 host credential refused (host revoked).`;

function duration(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) usage(`${flag}: "${v}" is not a duration like 30s, 5m or 1h`);
  const mult = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[
    (m![2] ?? "s") as "ms" | "s" | "m" | "h"
  ];
  return Math.round(Number(m![1]) * mult);
}

function positive(v: string | undefined, flag: string, integer = true): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
    usage(`${flag} must be a positive ${integer ? "integer" : "number"}, got "${v}"`);
  return n;
}

function usage(msg?: string): never {
  if (msg) console.error(`agent: ${msg}\n`);
  console.error(USAGE);
  process.exit(msg ? 2 : 0);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      server: { type: "string" },
      state: { type: "string" },
      enroll: { type: "string" },
      hostname: { type: "string" },
      scenario: { type: "string" },
      events: { type: "string" },
      rate: { type: "string" },
      duration: { type: "string" },
      fleet: { type: "string" },
      "drain-timeout": { type: "string" },
      "quiet-log": { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
  }));
} catch (e) {
  usage((e as Error).message);
}
if (values.help) usage();
if (!values.server) usage("--server is required");
if (!values.state) usage("--state is required");
try {
  new URL(values.server);
} catch {
  usage(`--server "${values.server}" is not a URL`);
}
const scenario = (values.scenario ?? "quiet") as Scenario;
if (!SCENARIOS.includes(scenario)) usage(`--scenario must be one of ${SCENARIOS.join(", ")}`);

const quietLog = values["quiet-log"] ?? false;
const log = (level: string, msg: string, fields?: Record<string, unknown>) => {
  if (level === "debug" || (quietLog && level === "info")) return;
  process.stderr.write(
    JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }) + "\n",
  );
};

const controller = new AbortController();
let signals = 0;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    // First signal: stop cleanly (in-flight batches finish, the queue keeps the rest).
    // Second: leave now; the queue on disk is consistent at every instant.
    if (++signals > 1) process.exit(130);
    log("info", "stopping; queued events are kept for the next run");
    controller.abort();
  });
}

try {
  const result = await runAgents({
    server: values.server,
    stateDir: values.state,
    enrollmentToken: values.enroll,
    hostname: values.hostname,
    scenario,
    rate: positive(values.rate, "--rate", false),
    maxEvents: positive(values.events, "--events"),
    durationMs: duration(values.duration, "--duration"),
    drainTimeoutMs: duration(values["drain-timeout"], "--drain-timeout"),
    fleet: positive(values.fleet, "--fleet"),
    log,
    // Signed commands: verify, execute against the simulated host, receipt (issue 5).
    loops: [commandLoop()],
    signal: controller.signal,
    onStats: (s) => log("info", "stats", s),
  });
  const { stats, fatal, drained } = result;
  log("info", "stopped", { ...stats, drained });
  if (fatal) {
    log("error", fatal.message);
    process.exit(fatal.exitCode);
  }
  const finite = values.events !== undefined || values.duration !== undefined;
  process.exit(finite && !drained ? 1 : 0);
} catch (e) {
  log("error", (e as Error).message);
  process.exit(e instanceof AgentFatalError ? e.exitCode : 1);
}
