// The reference agent's command loop (an AgentLoop for HostAgent): long-poll GET /commands,
// verify each envelope, refuse bad ones with a `rejected` receipt and a `command_rejected`
// event, execute good ones against the simulated host exactly once, and deliver receipts
// through a durable outbox so a server crash between delivery and receipt loses nothing.
import crypto from "node:crypto";
import type { Envelope } from "../../lib/protocol/commands.ts";
import { type RefusalReason, verifyEnvelope } from "../../lib/protocol/envelope.ts";
import type { ServerKey } from "../../lib/protocol/hosts.ts";
import { endorsedKeys } from "../../lib/protocol/key-endorsement.ts";
import { AgentFatalError, type AgentLoop } from "../agent-options.ts";
import { sleep } from "../backoff.ts";
import type { HostAgent } from "../host-agent.ts";
import { callAgentApi } from "../http-client.ts";
import { collectArtifact } from "./collect-artifact.ts";
import { CommandStore, type ReceiptBody } from "./command-store.ts";
import { applyCommand } from "./simulated-effects.ts";

/** How a simulated host misbehaves on a command type (drill faults): answer "failed", never
 *  answer at all (the lease expires and the server redelivers), or refuse it as "rejected". */
export type CommandFault =
  | { kind: "fail"; reason: string }
  | { kind: "silent" }
  | { kind: "reject"; reason: string };

export type CommandLoopHooks = {
  waitSeconds?: number;
  /** Asked for every verified command; null (or no hook) runs it normally. */
  faultFor?: (type: string) => CommandFault | null;
  /** Test/benchmark observers. */
  onExecuted?: (e: { id: string; type: string; status: string }) => void;
  onRejected?: (e: { id: string | null; reason: RefusalReason }) => void;
  /** Runs after the effect is durable and before its receipt is sent (crash tests hook here). */
  beforeFinalReceipt?: (id: string) => Promise<void>;
};

const KEY_REFRESH_MS = 60_000;

export function commandLoop(hooks: CommandLoopHooks = {}): AgentLoop {
  return async (agent, signal) => {
    const store = await CommandStore.open(agent.state.dir, agent.inventory);
    // Redo an executed command's inventory if we crashed before inventory.json had it.
    if (store.data.pendingInventory) {
      await agent.setInventory(store.data.pendingInventory, signal);
      store.data.pendingInventory = null;
      await store.save();
    }
    agent.isolated = store.data.isolation.isolated;
    const ctx = { agent, store, hooks, keysRefreshedAt: 0 };
    const wait = hooks.waitSeconds ?? 30;
    while (!signal.aborted) {
      await flushOutbox(ctx, signal);
      if (signal.aborted) return;
      const r = await agent.callWithRetry(
        () =>
          callAgentApi<{ commands: unknown[] }>(
            // The long-poll parks for up to `wait` seconds: stopping must not wait it out.
            { ...agent.http, timeoutMs: (wait + 15) * 1000, signal },
            "GET",
            `/commands?waitSeconds=${wait}`,
          ),
        "commands",
        signal,
      );
      if (r.kind === "unauthenticated")
        throw new AgentFatalError("the server refused this host's credential (host revoked?)", 4);
      if (r.kind !== "ok") {
        await sleep(agent.pollSeconds * 1000, signal);
        continue;
      }
      for (const env of Array.isArray(r.body?.commands) ? r.body.commands : [])
        await handle(ctx, env, signal);
    }
  };
}

type Ctx = {
  agent: HostAgent;
  store: CommandStore;
  hooks: CommandLoopHooks;
  keysRefreshedAt: number;
};

async function handle(ctx: Ctx, env: unknown, signal: AbortSignal) {
  const { agent, store } = ctx;
  const check = () =>
    verifyEnvelope(env, {
      keys: agent.credential?.serverKeys ?? [],
      hostId: agent.hostId ?? "",
      now: new Date(),
      executed: (id) => store.has(id),
    });
  let v = check();
  // A key we do not know may be a rotation: fetch the server's keys (rate-limited), pin the
  // ones endorsed by a key we already trust, and re-check. An unendorsed key stays unknown.
  if (!v.ok && v.reason === "unknown_kid" && Date.now() - ctx.keysRefreshedAt > KEY_REFRESH_MS) {
    ctx.keysRefreshedAt = Date.now();
    if (await refreshKeys(agent, signal)) v = check();
  }
  if (!v.ok) {
    ctx.hooks.onRejected?.({ id: v.commandId, reason: v.reason });
    await refuse(
      ctx,
      v.commandId,
      v.reason,
      v.detail,
      (env as Envelope | null)?.kid ?? null,
      signal,
    );
    return;
  }
  const cmd = v.payload;
  const fault = ctx.hooks.faultFor?.(cmd.type) ?? null;
  // Silent: no receipt of any kind, not even "received"; the lease runs out server-side.
  if (fault?.kind === "silent") return;
  if (fault?.kind === "reject") {
    await refuse(ctx, cmd.id, "policy", fault.reason, null, signal);
    return;
  }
  store.data.outbox.push({
    commandId: cmd.id,
    body: { status: "received", at: new Date().toISOString() },
  });
  await store.save();
  await flushOutbox(ctx, signal);

  const now = new Date();
  const simState = {
    inventory: agent.inventory,
    isolation: store.data.isolation,
    lastKnownGood: store.data.lastKnownGood,
  };
  // collect_artifact is the one effect that talks to the server (a tus upload linked to the command).
  const out =
    fault?.kind === "fail"
      ? { status: "failed" as const, reason: fault.reason, state: simState, events: [] }
      : cmd.type === "collect_artifact"
        ? await collectArtifact(agent, cmd, simState, signal)
        : applyCommand(cmd, simState, now);
  // One atomic write records the execution, its receipt and its effect: after a crash either
  // all of it happened (and the id is never run again) or none of it did.
  const final: ReceiptBody = {
    status: out.status,
    at: now.toISOString(),
    ...(out.result ? { result: out.result } : {}),
    ...(out.reason ? { reason: out.reason } : {}),
  };
  store.data.executed[cmd.id] = {
    at: now.toISOString(),
    expiresAt: cmd.expiresAt,
    status: out.status,
  };
  store.data.outbox.push({ commandId: cmd.id, body: final });
  store.data.isolation = out.state.isolation;
  agent.isolated = out.state.isolation.isolated;
  const inventoryChanged = out.state.inventory !== agent.inventory;
  store.data.pendingInventory = inventoryChanged ? out.state.inventory : null;
  store.prune(now);
  await store.save();
  ctx.hooks.onExecuted?.({ id: cmd.id, type: cmd.type, status: out.status });
  if (out.events.length) {
    await agent.emit(
      out.events.map((e) => ({
        ...e,
        eventId: crypto.randomUUID(),
        observedAt: now.toISOString(),
      })),
    );
  }
  if (inventoryChanged) {
    // Local first: the inventory file is the host's truth; reporting it can wait.
    agent.inventory = out.state.inventory;
    await agent.state.saveInventory(out.state.inventory);
    store.data.pendingInventory = null;
    await store.save();
  }
  await ctx.hooks.beforeFinalReceipt?.(cmd.id);
  // The receipt goes before the inventory report, so a struggling inventory endpoint can
  // never hold back the verified result of a command.
  await flushOutbox(ctx, signal);
  if (inventoryChanged) await agent.reportInventory(signal);
}

/** Refuses a command: a `command_rejected` event and, when the id is known, a `rejected`
 *  receipt (a bad envelope, or a drill host whose policy refuses this command type). */
async function refuse(
  ctx: Ctx,
  commandId: string | null,
  reason: RefusalReason | "policy",
  detail: string,
  kid: string | null,
  signal: AbortSignal,
) {
  const { agent, store } = ctx;
  await agent.emit([
    {
      eventId: crypto.randomUUID(),
      type: "command_rejected",
      observedAt: new Date().toISOString(),
      severity: "high",
      details: { commandId, reason, detail, kid },
    },
  ]);
  if (!commandId) return;
  store.data.outbox.push({
    commandId,
    body: { status: "rejected", at: new Date().toISOString(), reason: `${reason}: ${detail}` },
  });
  await store.save();
  await flushOutbox(ctx, signal);
}

/** Sends queued receipts in order; each leaves the outbox once the server answered for good
 *  (2xx, or a 4xx that will never change, e.g. 409 for a receipt the server already moved past). */
async function flushOutbox(ctx: Ctx, signal: AbortSignal) {
  const { agent, store } = ctx;
  while (store.data.outbox.length && !signal.aborted) {
    const item = store.data.outbox[0];
    const r = await agent.callWithRetry(
      () =>
        callAgentApi(
          { ...agent.http, signal },
          "POST",
          `/commands/${encodeURIComponent(item.commandId)}/receipts`,
          item.body,
        ),
      "receipt",
      signal,
    );
    if (r.kind === "retry") return;
    if (r.kind === "unauthenticated")
      throw new AgentFatalError("the server refused this host's credential (host revoked?)", 4);
    store.data.outbox.shift();
    await store.save();
  }
}

/** Asks the server for its keys and pins only those a chain of endorsements links to a key
 *  already pinned: whoever answers this connection (a proxy, a front end, a plain-http hop)
 *  cannot hand the agent a key of its own. Pinned keys are never replaced or removed here. */
async function refreshKeys(agent: HostAgent, signal: AbortSignal): Promise<boolean> {
  const r = await agent.callWithRetry(
    () =>
      callAgentApi<{ serverKeys?: unknown; retiredKeys?: unknown }>(
        agent.http,
        "GET",
        "/server-keys",
      ),
    "server-keys",
    signal,
  );
  if (r.kind !== "ok" || !agent.credential) return false;
  const published = Array.isArray(r.body?.serverKeys) ? r.body.serverKeys : [];
  const links = Array.isArray(r.body?.retiredKeys) ? r.body.retiredKeys : [];
  const pinned = agent.credential.serverKeys;
  const publishedKids = new Set(published.map((k) => (k as ServerKey | null)?.kid));
  // Retired keys may link the chain (pinned 1 → 2 → 3) but only published ones are pinned.
  const fresh = endorsedKeys(pinned, [...published, ...links])
    .filter((k) => publishedKids.has(k.kid))
    .map((k): ServerKey => ({ kid: k.kid, alg: "Ed25519", publicKey: k.publicKey }));
  if (!fresh.length) return false;
  agent.credential = { ...agent.credential, serverKeys: [...pinned, ...fresh] };
  await agent.state.saveCredential(agent.credential);
  return true;
}
