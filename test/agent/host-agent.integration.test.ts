// The reference agent against the real agent route handlers over real HTTP, on PGlite and
// PostgreSQL: enrollment once per state dir, inventory, and "nothing lost, nothing
// duplicated" through lost responses, 503s, dropped connections and agent restarts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AgentFatalError } from "../../agent/agent-options.ts";
import { generatedEventIds } from "../../agent/event-queue.ts";
import { HostAgent } from "../../agent/host-agent.ts";
import { runAgents } from "../../agent/run-agents.ts";
import { simulatedInventory } from "../../agent/simulated-inventory.ts";
import { POST as enrollRoute } from "../../app/api/agent/v1/enroll/route.ts";
import { POST as eventsRoute } from "../../app/api/agent/v1/events/route.ts";
import { PUT as inventoryRoute } from "../../app/api/agent/v1/inventory/route.ts";
import { type FaultPlan, startRouteServer } from "../agent-route-server.ts";
import { describeDb } from "../db.ts";
import { newToken } from "../host-fixtures.ts";

const routes = {
  "POST /api/agent/v1/enroll": enrollRoute,
  "PUT /api/agent/v1/inventory": inventoryRoute,
  "POST /api/agent/v1/events": eventsRoute,
} as never;
const FAST = { baseMs: 10, maxMs: 150 };
type RunOnceOptions = Omit<Parameters<typeof runAgents>[0], "server" | "stateDir" | "signal"> & {
  signal?: AbortSignal;
};
/** A slow stream of permission violations, `maxEvents` long: the runs that check what an
 *  enrolled host keeps and sends, not throughput. */
const violations = (maxEvents: number) => ({ scenario: "violation", rate: 50, maxEvents }) as const;
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "bw-agent-"));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describeDb("reference agent", (t) => {
  let server: Awaited<ReturnType<typeof startRouteServer>>;
  let faults: FaultPlan = () => "none";
  beforeAll(async () => {
    server = await startRouteServer(routes, (r) => faults(r));
  });
  afterAll(async () => {
    await server?.close();
  });
  /** The reference agent in `dir` against the route server, with fast backoff (and no abort
   *  unless `signal` is given). */
  const runOnce = (
    dir: string,
    { signal = new AbortController().signal, ...opts }: RunOnceOptions,
  ) => runAgents({ server: server.url, stateDir: dir, backoff: FAST, signal, ...opts });
  /** A fresh state dir whose agents enroll with a new token of `uses` uses, run once. */
  const enrollAndRun = async (uses: number, opts: Omit<RunOnceOptions, "enrollmentToken">) => {
    const { token, id } = await newToken(uses);
    const dir = tmp();
    return {
      dir,
      token,
      tokenId: id,
      run: await runOnce(dir, { enrollmentToken: token, ...opts }),
    };
  };

  /** One agent in `dir` with a new one-use token and fast backoff, not yet running. */
  const openEnrolling = async (dir: string) =>
    HostAgent.open({
      server: server.url,
      stateDir: dir,
      enrollmentToken: (await newToken(1)).token,
      backoff: FAST,
    });

  async function storedIds(hostId: string) {
    const rows = await t.sql.query<{ eventId: string }>(
      `SELECT "eventId"::text AS "eventId" FROM "Event" WHERE "hostId" = $1`,
      [hostId],
    );
    return rows.map((r) => r.eventId);
  }

  it("enrolls once, keeps a 0600 credential, reports its inventory and reuses the credential on the next run", async () => {
    faults = () => "none";
    const { dir, token, run: first } = await enrollAndRun(1, violations(20));
    expect(first.fatal).toBeNull();
    expect(first.drained).toBe(true);
    const cred = JSON.parse(fs.readFileSync(path.join(dir, "credential.json"), "utf8"));
    expect(fs.statSync(path.join(dir, "credential.json")).mode & 0o777).toBe(0o600);
    expect(cred.hostToken).toMatch(/^bwh_/);
    const identity = JSON.parse(fs.readFileSync(path.join(dir, "host.json"), "utf8"));
    const plugins = await t.db.hostPlugin.findMany({
      where: { hostId: cred.hostId },
      select: { name: true, version: true, sha256: true, signer: true, permissions: true },
    });
    const expected = simulatedInventory(identity.seed);
    expect(plugins.map((p) => `${p.name}@${p.version}:${p.sha256}`).sort()).toEqual(
      expected.map((p) => `${p.name}@${p.version}:${p.sha256}`).sort(),
    );

    // The token had one use: a second run can only work by reusing the stored credential.
    const second = await runOnce(dir, { enrollmentToken: token, ...violations(40) });
    expect(second.fatal).toBeNull();
    expect(
      await t.db.host.count({
        where: { enrollmentToken: { tokenHash: { not: "" } }, id: cred.hostId },
      }),
    ).toBe(1);
    const ids = await storedIds(cred.hostId);
    expect(ids).toHaveLength(40);
    expect(new Set(ids)).toEqual(new Set(generatedEventIds(dir)));
  });

  it("loses nothing and stores nothing twice through lost responses, 503s, dropped connections and a restart", async () => {
    let posts = 0;
    faults = (r) => {
      if (r.path !== "/api/agent/v1/events") return "none";
      const k = posts++;
      if (k % 4 === 1) return "drop-after-commit";
      if (k % 9 === 2) return "drop-before";
      if (k === 5) return "unavailable";
      return "none";
    };
    const { token } = await newToken(1);
    const dir = tmp();
    // First life: stopped while events are still being generated and sent (after some
    // batches got their 200, not after a fixed time: CI machines are slow at random).
    const stop = new AbortController();
    const acked: string[] = [];
    const life1 = await runOnce(dir, {
      enrollmentToken: token,
      scenario: "escape",
      rate: 150,
      maxEvents: 400,
      signal: stop.signal,
      onBatch: (b) => {
        if (b.outcome.kind === "ok") acked.push(...b.ids);
        if (acked.length >= 30) stop.abort();
      },
    });
    expect(life1.fatal).toBeNull();
    expect(life1.stats.generated).toBeLessThan(400);
    expect(acked.length).toBeGreaterThan(0);
    // Second life: same state dir, finishes the 400 and drains.
    const life2 = await runOnce(dir, {
      scenario: "escape",
      rate: 400,
      maxEvents: 400,
      onBatch: (b) => b.outcome.kind === "ok" && acked.push(...b.ids),
    });
    expect(life2.fatal).toBeNull();
    expect(life2.drained).toBe(true);
    const hostId = JSON.parse(fs.readFileSync(path.join(dir, "credential.json"), "utf8")).hostId;
    const ids = await storedIds(hostId);
    const generated = generatedEventIds(dir);
    expect(generated).toHaveLength(400);
    // Nothing may have been given up on: a dead letter here is a lost event.
    expect({
      deadLettered: life1.stats.deadLettered + life2.stats.deadLettered,
      rejectedFile: fs.existsSync(path.join(dir, "rejected.jsonl")),
    }).toEqual({ deadLettered: 0, rejectedFile: false });
    expect(ids).toHaveLength(400);
    expect(new Set(ids)).toEqual(new Set(generated));
    expect(new Set(acked)).toEqual(new Set(generated));
    // The lost responses were resent and recognised as duplicates, not stored again.
    expect(life1.stats.duplicates + life2.stats.duplicates).toBeGreaterThan(0);
    expect(life1.stats.retries + life2.stats.retries).toBeGreaterThan(0);
  });

  it("enrolls once through a lost 201 (the server committed, the answer never came), on a one-use token", async () => {
    let enrolls = 0;
    faults = (r) =>
      r.path === "/api/agent/v1/enroll" && enrolls++ === 0 ? "drop-after-commit" : "none";
    const { dir, tokenId, run: r } = await enrollAndRun(1, violations(10));
    expect(r.fatal).toBeNull();
    expect(r.drained).toBe(true);
    expect(enrolls).toBe(2);
    const hostId = JSON.parse(fs.readFileSync(path.join(dir, "credential.json"), "utf8")).hostId;
    expect(await t.db.host.count({ where: { enrollmentTokenId: tokenId } })).toBe(1);
    expect(await storedIds(hostId)).toHaveLength(10);
  });

  it("keeps events the server refused with a status that is not final for them (409) and delivers them later", async () => {
    let posts = 0;
    let conflicts = 0;
    // Every other POST /events of the first six is answered 409.
    faults = (r) => {
      if (r.path !== "/api/agent/v1/events" || posts++ >= 6 || posts % 2 === 0) return "none";
      conflicts++;
      return "conflict";
    };
    const { dir, run: r } = await enrollAndRun(1, {
      scenario: "escape",
      rate: 200,
      maxEvents: 120,
    });
    expect(r.fatal).toBeNull();
    expect(r.drained).toBe(true);
    expect(conflicts).toBeGreaterThanOrEqual(2);
    expect(r.stats.deadLettered).toBe(0);
    expect(fs.existsSync(path.join(dir, "rejected.jsonl"))).toBe(false);
    expect(new Set(await storedIds(r.agents[0].hostId!))).toEqual(new Set(generatedEventIds(dir)));
    expect(generatedEventIds(dir)).toHaveLength(120);
  });

  it("runs a fleet: one credential and one state dir per host, every event delivered", async () => {
    faults = () => "none";
    const { dir, run: r } = await enrollAndRun(3, {
      fleet: 3,
      scenario: "escape",
      rate: 100,
      maxEvents: 50,
    });
    expect(r.fatal).toBeNull();
    expect(r.drained).toBe(true);
    const hostIds = new Set(r.agents.map((a) => a.hostId));
    expect(hostIds.size).toBe(3);
    for (const a of r.agents) {
      expect(a.state.dir.startsWith(dir + path.sep)).toBe(true);
      // The stats say where missing events went (dead-lettered, duplicates, retries) if this fails.
      expect(
        await storedIds(a.hostId!),
        JSON.stringify({ host: a.hostname, stats: a.stats }),
      ).toHaveLength(50);
    }
    // No retry: a flaky loss is a loss. The soak test (npm run soak) runs this at scale.
  });

  it("leaves no abort listener behind per send (no MaxListenersExceededWarning from a fleet)", async () => {
    faults = () => "none";
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on("warning", onWarning);
    try {
      const agent = await openEnrolling(tmp());
      const ac = new AbortController();
      const running = agent.run(ac.signal);
      // One event at a time, each sent before the next: the sender drains its queue and waits
      // again 15 times — more than the default listener limit of 10.
      for (let i = 0; i < 15; i++) {
        await agent.emit([
          {
            eventId: crypto.randomUUID(),
            type: "permission_violation",
            observedAt: new Date().toISOString(),
          },
        ]);
        await agent.drained(ac.signal);
      }
      ac.abort();
      await running;
      expect(agent.stats.batches).toBe(15);
      await agent.close();
      await new Promise((res) => setImmediate(res)); // warnings are emitted on the next tick
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((w) => w.includes("MaxListenersExceeded"))).toEqual([]);
  });

  it("stops when told to while its first inventory report is in flight", async () => {
    const ac = new AbortController();
    // The stop lands mid-request, as a drill ending its fleet right after the host enrolled.
    faults = (r) => {
      if (r.path.endsWith("/inventory")) ac.abort();
      return "none";
    };
    const agent = await openEnrolling(tmp());
    const running = agent.run(ac.signal).then(() => "stopped");
    const hung = new Promise((res) => setTimeout(() => res("still running"), 5_000).unref());
    expect(await Promise.race([running, hung])).toBe("stopped");
    expect(agent.hostId).not.toBeNull();
    await agent.close();
  });

  it("stops with exit code 4 and keeps its queue when the host is revoked", async () => {
    faults = () => "none";
    const dir = tmp();
    const agent = await openEnrolling(dir);
    const ac = new AbortController();
    await agent.enroll(ac.signal);
    await t.sql.query(
      `UPDATE "Host" SET "status" = 'revoked', "revokedAt" = now() WHERE "id" = $1`,
      [agent.hostId],
    );
    await agent.emit([
      {
        eventId: crypto.randomUUID(),
        type: "permission_violation",
        observedAt: new Date().toISOString(),
      },
    ]);
    const err = await agent.run(ac.signal).then(
      () => null,
      (e) => e,
    );
    expect(err).toBeInstanceOf(AgentFatalError);
    expect((err as AgentFatalError).exitCode).toBe(4);
    expect(agent.queue.size).toBe(1);
    await agent.close();
  });
});
