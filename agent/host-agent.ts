// One simulated host speaking docs/AGENT-PROTOCOL.md: enrolls once (credential kept in
// its state dir), reports its plugin inventory, turns its scenario into events, and drains
// its durable queue to POST /events with backoff. Other behaviours (the commands long-poll,
// artifact uploads) plug in as extra loops that share the credential, queue and state dir.

import {
  type EventsReply,
  eventsReplySchema,
  MAX_BATCH_EVENTS,
  MAX_BODY_BYTES,
  type WireEvent,
} from "../lib/protocol/events.ts";
import { enrollReplySchema, type Plugin } from "../lib/protocol/hosts.ts";
import {
  AGENT_VERSION,
  AgentFatalError,
  type AgentLogger,
  type AgentStats,
  type HostAgentOptions,
} from "./agent-options.ts";
import { backoffDelay, DEFAULT_BACKOFF, sleep } from "./backoff.ts";
import { EventQueue, type QueuedEvent } from "./event-queue.ts";
import { classifyEventRefusal } from "./event-refusal.ts";
import { type CallOutcome, callAgentApi } from "./http-client.ts";
import { EventSource } from "./scenarios.ts";
import { simulatedInventory } from "./simulated-inventory.ts";
import { type Credential, type HostIdentity, StateDir } from "./state-dir.ts";

const noLog: AgentLogger = () => {};

export class HostAgent {
  readonly state: StateDir;
  identity!: HostIdentity;
  credential: Credential | null = null;
  queue!: EventQueue;
  inventory: Plugin[] = [];
  /** Network isolation of the simulated host; set by the command loop (isolate/release). */
  isolated = false;
  readonly stats: AgentStats = {
    generated: 0,
    queued: 0,
    batches: 0,
    accepted: 0,
    duplicates: 0,
    retries: 0,
    deadLettered: 0,
    lastError: null,
  };
  private readonly log: AgentLogger;
  private release: () => void = () => {};
  private wake: (() => void) | null = null;
  private lastOkAt = 0;
  /** After a 400/422 naming events of a multi-event batch, send one at a time to isolate the culprit. */
  private isolateUntil = 0;
  /** Consecutive non-permanent refusals of POST /events, for their backoff. */
  private refusals = 0;
  private batchCap: number = MAX_BATCH_EVENTS;

  private constructor(readonly opts: HostAgentOptions) {
    this.state = new StateDir(opts.stateDir);
    this.log = opts.log ?? noLog;
  }

  static async open(opts: HostAgentOptions): Promise<HostAgent> {
    const a = new HostAgent(opts);
    a.release = a.state.lock();
    try {
      a.identity = await a.state.identity({ hostname: opts.hostname, realOs: opts.realOs });
      a.credential = await a.state.credential();
      if (
        a.credential &&
        a.credential.server.replace(/\/+$/, "") !== opts.server.replace(/\/+$/, "")
      ) {
        throw new AgentFatalError(
          `${opts.stateDir} is enrolled with ${a.credential.server}, not ${opts.server}; use another --state dir.`,
          2,
        );
      }
      a.inventory = (await a.state.inventory()) ?? simulatedInventory(a.identity.seed);
      await a.state.saveInventory(a.inventory);
      a.queue = await EventQueue.open(opts.stateDir);
      a.stats.generated = a.queue.generated;
      a.stats.queued = a.queue.size;
      return a;
    } catch (e) {
      a.release();
      throw e;
    }
  }

  get hostId() {
    return this.credential?.hostId ?? null;
  }
  get hostname() {
    return this.identity.hostname;
  }
  /** HTTP options for this host's authenticated calls (for loops added by other modules). */
  get http() {
    if (!this.credential) throw new Error("not enrolled");
    return {
      server: this.opts.server,
      token: this.credential.hostToken,
      timeoutMs: this.opts.requestTimeoutMs,
    };
  }
  get pollSeconds() {
    return this.credential?.pollSeconds ?? 10;
  }
  get generationDone() {
    return this.opts.maxEvents !== undefined && this.queue.generated >= this.opts.maxEvents;
  }

  /** Calls the API until it answers something other than "retry later". */
  async callWithRetry<T>(
    fn: () => Promise<CallOutcome<T>>,
    what: string,
    signal: AbortSignal,
  ): Promise<CallOutcome<T>> {
    for (let attempt = 0; ; attempt++) {
      const r = await fn();
      if (r.kind !== "retry") {
        if (r.kind === "ok") this.lastOkAt = Date.now();
        return r;
      }
      this.stats.retries++;
      this.stats.lastError = `${what}: ${r.status ?? "network"} ${r.reason}`;
      const delay = backoffDelay(attempt, r.retryAfterMs, this.opts.backoff ?? DEFAULT_BACKOFF);
      this.log("debug", "retrying", {
        host: this.hostname,
        what,
        status: r.status,
        reason: r.reason,
        delayMs: delay,
      });
      await sleep(delay, signal);
      if (signal.aborted) return r;
    }
  }

  /** Enrolls unless the state dir already holds a credential (enrollment happens once). */
  async enroll(signal: AbortSignal): Promise<Credential> {
    if (this.credential) return this.credential;
    if (!this.opts.enrollmentToken)
      throw new AgentFatalError(
        `${this.opts.stateDir} is not enrolled yet: pass --enroll <token>.`,
        2,
      );
    const body = {
      enrollmentId: await this.state.enrollmentId(),
      enrollmentToken: this.opts.enrollmentToken,
      hostname: this.identity.hostname,
      os: this.identity.os,
      agentVersion: AGENT_VERSION,
      plugins: this.inventory,
    };
    const r = await this.callWithRetry(
      () =>
        callAgentApi(
          { server: this.opts.server, timeoutMs: this.opts.requestTimeoutMs, signal },
          "POST",
          "/enroll",
          body,
        ),
      "enroll",
      signal,
    );
    if (r.kind === "retry") throw new AgentFatalError("stopped before enrollment completed", 1);
    if (r.kind === "unauthenticated")
      throw new AgentFatalError(
        `enrollment refused: ${r.problem?.detail ?? "unknown, expired or used-up enrollment token"}`,
        3,
      );
    if (r.kind === "rejected")
      throw new AgentFatalError(
        `enrollment rejected (${r.status}): ${r.problem?.detail ?? "no detail"}`,
        3,
      );
    const reply = enrollReplySchema.safeParse(r.body);
    if (!reply.success)
      throw new AgentFatalError(
        `the server's enroll reply is malformed: ${reply.error.message}`,
        1,
      );
    this.credential = {
      ...reply.data,
      server: this.opts.server,
      enrolledAt: new Date().toISOString(),
    };
    await this.state.saveCredential(this.credential);
    this.log("info", "enrolled", { host: this.hostname, hostId: this.credential.hostId });
    return this.credential;
  }

  /** PUT /inventory with the current plugin list (also the heartbeat of an idle host). */
  async reportInventory(signal: AbortSignal): Promise<boolean> {
    const r = await this.callWithRetry(
      () =>
        callAgentApi({ ...this.http, signal }, "PUT", "/inventory", { plugins: this.inventory }),
      "inventory",
      signal,
    );
    if (r.kind === "unauthenticated")
      throw new AgentFatalError("the server refused this host's credential (host revoked?)", 4);
    if (r.kind === "rejected")
      this.log("error", "inventory rejected", {
        host: this.hostname,
        status: r.status,
        detail: r.problem?.detail,
      });
    return r.kind === "ok";
  }

  /** Replaces the inventory (e.g. after a quarantine command) and reports it. */
  async setInventory(plugins: Plugin[], signal: AbortSignal) {
    this.inventory = plugins;
    await this.state.saveInventory(plugins);
    await this.reportInventory(signal);
  }

  /** Durably queues events; they are sent by the sender loop. */
  async emit(events: WireEvent[]) {
    await this.queue.append(events);
    this.stats.generated = this.queue.generated;
    this.stats.queued = this.queue.size;
    this.wake?.();
  }

  /** Enrolls, reports inventory, then runs until `signal` aborts or a fatal error. */
  async run(signal: AbortSignal, opts: { generate?: AbortSignal } = {}) {
    await this.enroll(signal);
    if (signal.aborted) return;
    await this.reportInventory(signal);
    // The first fatal error (credential refused, disk full) stops every loop of this host.
    // AbortSignal.any, not a listener on `signal`: a stop that landed during the inventory
    // report above has already fired, and a listener added now would never run (a drill
    // ended right after its host enrolled waited forever for loops nobody stopped).
    const fatal = new AbortController();
    const inner = AbortSignal.any([signal, fatal.signal]);
    const gen = opts.generate ? AbortSignal.any([opts.generate, inner]) : inner;
    const loops = [this.sendLoop(inner), this.heartbeatLoop(inner), this.generateLoop(gen)];
    for (const loop of this.opts.loops ?? []) loops.push(loop(this, inner));
    const results = await Promise.allSettled(
      loops.map((p) =>
        p.catch((e) => {
          fatal.abort();
          throw e;
        }),
      ),
    );
    const failed = results.find((x): x is PromiseRejectedResult => x.status === "rejected");
    if (failed) throw failed.reason;
  }

  private async generateLoop(signal: AbortSignal) {
    if ((this.opts.scenario ?? "quiet") === "quiet" && this.opts.rate === undefined) return;
    // The live state, not a snapshot: a quarantine or an isolation during the run must show.
    const source = new EventSource(this.opts.scenario ?? "quiet", this.inventory, {
      rate: this.opts.rate,
      host: () => ({ inventory: this.inventory, isolated: this.isolated }),
    });
    const tick = this.opts.tickMs ?? 200;
    source.tick(Date.now());
    while (!signal.aborted && !this.generationDone) {
      await sleep(tick, signal);
      let events = source.tick(Date.now());
      if (this.opts.maxEvents !== undefined)
        events = events.slice(0, this.opts.maxEvents - this.queue.generated);
      await this.emit(events);
    }
  }

  private async heartbeatLoop(signal: AbortSignal) {
    while (!signal.aborted) {
      await sleep(this.pollSeconds * 1000, signal);
      if (!signal.aborted && Date.now() - this.lastOkAt >= this.pollSeconds * 1000)
        await this.reportInventory(signal);
    }
  }

  private waitForWork(signal: AbortSignal) {
    // The abort listener must go when the wait ends by a wake-up: the sender waits once per
    // drained queue, and a listener left behind each time piled up on the host's signal
    // (MaxListenersExceededWarning once per host with --fleet N).
    let onAbort = () => {};
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      onAbort = () => resolve();
      if (signal.aborted) resolve();
      else signal.addEventListener("abort", onAbort, { once: true });
    }).finally(() => {
      this.wake = null;
      signal.removeEventListener("abort", onAbort);
    });
  }

  private batchLimit() {
    const server = this.credential?.maxBatchEvents ?? MAX_BATCH_EVENTS;
    return this.isolateUntil > 0
      ? 1
      : Math.max(1, Math.min(server, MAX_BATCH_EVENTS, this.batchCap));
  }

  private async sendLoop(signal: AbortSignal) {
    while (!signal.aborted) {
      const batch = this.queue.peek(this.batchLimit(), MAX_BODY_BYTES - 4096);
      if (!batch.length) {
        await this.waitForWork(signal);
        continue;
      }
      const raw = `{"events":[${batch.map((b) => b.json).join(",")}]}`;
      const ids = batch.map((b) => b.id);
      const r = await this.callWithRetry(
        () =>
          callAgentApi<EventsReply>({ ...this.http, signal }, "POST", "/events", undefined, raw),
        "events",
        signal,
      );
      this.opts.onBatch?.({ ids, outcome: r });
      if (r.kind === "retry") continue; // aborted while backing off: the events stay queued
      if (r.kind === "unauthenticated")
        throw new AgentFatalError("the server refused this host's credential (host revoked?)", 4);
      if (r.kind === "rejected") {
        await this.handleRejected(batch, r, signal);
        continue;
      }
      this.refusals = 0;
      // 200 = durably committed: only now may the events leave the queue.
      await this.queue.ack(ids);
      if (this.isolateUntil > 0) this.isolateUntil--;
      const reply = eventsReplySchema.safeParse(r.body);
      this.stats.batches++;
      if (reply.success) {
        this.stats.accepted += reply.data.accepted;
        this.stats.duplicates += reply.data.duplicates;
      }
      this.stats.queued = this.queue.size;
    }
  }

  /** What the protocol makes permanent is handled here (see event-refusal.ts): 413 → smaller
   *  batches; 400/422 naming events → isolate one by one, and a single event refused so goes
   *  to rejected.jsonl so it cannot block the queue forever. Any other status keeps the
   *  events and backs off: a 409 or a 404 is no verdict on them. */
  private async handleRejected(
    batch: QueuedEvent[],
    r: Extract<CallOutcome, { kind: "rejected" }>,
    signal: AbortSignal,
  ) {
    this.stats.lastError = `events: ${r.status} ${r.problem?.detail ?? ""}`;
    const action = classifyEventRefusal(r.status, r.problem, batch.length);
    if (action === "retry") {
      this.stats.retries++;
      const delay = backoffDelay(this.refusals++, null, this.opts.backoff ?? DEFAULT_BACKOFF);
      this.log("warn", "events refused without a permanent status; keeping them and retrying", {
        host: this.hostname,
        status: r.status,
        detail: r.problem?.detail,
        delayMs: delay,
      });
      await sleep(delay, signal);
      return;
    }
    this.refusals = 0;
    if (action === "split") {
      this.batchCap = Math.max(1, Math.floor(batch.length / 2));
      return;
    }
    if (action === "isolate") {
      this.isolateUntil = batch.length;
      return;
    }
    this.log("warn", "event refused by the server, moved to rejected.jsonl", {
      host: this.hostname,
      status: r.status,
      detail: r.problem?.detail,
    });
    await this.state.deadLetter([
      {
        at: new Date().toISOString(),
        status: r.status,
        problem: r.problem,
        event: JSON.parse(batch[0].json),
      },
    ]);
    await this.queue.ack([batch[0].id]);
    this.stats.deadLettered++;
    if (this.isolateUntil > 0) this.isolateUntil--;
  }

  /** Resolves once every queued event got its 200 (or `signal` aborts). */
  async drained(signal: AbortSignal) {
    while (!signal.aborted && this.queue.size > 0) await sleep(100, signal);
  }

  async close() {
    await this.queue?.close();
    this.release();
  }
}
