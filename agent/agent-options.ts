// What a host agent is configured with and reports about itself: its options, the loops
// that plug into it, its stats, and the error that stops it for good. Kept apart from the
// agent itself (host-agent.ts) so callers that only configure or observe agents need not
// read the enrolment and send loops.
import type { EventsReply } from "../lib/protocol/events.ts";
import type { BackoffPolicy } from "./backoff.ts";
import type { HostAgent } from "./host-agent.ts";
import type { CallOutcome } from "./http-client.ts";
import type { Scenario } from "./scenarios.ts";

export const AGENT_VERSION = "breakwater-ref-agent/1.0.0";

export type AgentLogger = (
  level: "debug" | "info" | "warn" | "error",
  msg: string,
  fields?: Record<string, unknown>,
) => void;
/** A long-running behaviour beside the built-in loops; it must return when `signal` aborts. */
export type AgentLoop = (agent: HostAgent, signal: AbortSignal) => Promise<void>;

export type HostAgentOptions = {
  server: string;
  stateDir: string;
  enrollmentToken?: string;
  hostname?: string;
  realOs?: boolean;
  scenario?: Scenario;
  /** Fixed events/s for this host instead of the scenario's rhythm. */
  rate?: number;
  /** Stop generating once this host has generated this many events over its life. */
  maxEvents?: number;
  tickMs?: number;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  log?: AgentLogger;
  /** Observes every POST /events outcome (tests and the benchmark use it). */
  onBatch?: (b: { ids: string[]; outcome: CallOutcome<EventsReply> }) => void;
  loops?: AgentLoop[];
};

/** Stops the agent for good: the enrollment token or the host credential was refused. */
export class AgentFatalError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "AgentFatalError";
  }
}

export type AgentStats = {
  generated: number;
  queued: number;
  batches: number;
  accepted: number;
  duplicates: number;
  retries: number;
  deadLettered: number;
  lastError: string | null;
};
