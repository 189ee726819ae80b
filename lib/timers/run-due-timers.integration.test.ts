import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { runDueTimers, type TimerHandler } from "./run-due-timers.ts";
import { scheduleTimer } from "./schedule-timer.ts";
import { registerTimerHandlers } from "./timer-registry.ts";

// scheduleTimer refuses kinds without a registered handler; these tests pass their own
// handlers to runDueTimers, so the registry only has to know the kinds (once per process:
// the suite runs once per backend).
const noop: TimerHandler = async () => {};
registerTimerHandlers(
  Object.fromEntries(
    [
      "test.once",
      "test.later",
      "test.fail",
      "test.slow",
      "test.boom",
      "test.victim",
      "test.loser",
    ].map((k) => [k, noop]),
  ),
);

describeDb("durable timers", (t) => {
  it("fires a due timer once even when two workers poll at the same time", async () => {
    const fired: string[] = [];
    const handler: TimerHandler = async (_tx, timer) => {
      fired.push(timer.id);
    };
    await t.db.$transaction((tx) =>
      scheduleTimer(tx, {
        kind: "test.once",
        dueAt: new Date(Date.now() - 1000),
        payload: { n: 1 },
      }),
    );
    const [a, b] = await Promise.all([
      runDueTimers({ "test.once": handler }, { db: t.db }),
      runDueTimers({ "test.once": handler }, { db: t.db }),
    ]);
    expect(a + b).toBe(1);
    expect(fired).toHaveLength(1);
  });

  it("leaves future timers alone and fires them when due (injected clock)", async () => {
    const fired: unknown[] = [];
    const h: Record<string, TimerHandler> = {
      "test.later": async (_tx, timer) => void fired.push(timer.payload),
    };
    const due = new Date(Date.now() + 60_000);
    await t.db.$transaction((tx) =>
      scheduleTimer(tx, {
        kind: "test.later",
        dueAt: due,
        payload: { x: 1 },
        dedupeKey: "later-1",
      }),
    );
    expect(await runDueTimers(h, { db: t.db })).toBe(0);
    expect(await runDueTimers(h, { db: t.db, now: () => new Date(due.getTime() + 1) })).toBe(1);
    expect(fired).toEqual([{ x: 1 }]);
  });

  it("rolls back a failing handler's writes and retries later", async () => {
    const h: Record<string, TimerHandler> = {
      "test.fail": async (tx) => {
        await tx.counter.create({ data: { name: "should-not-exist", value: 1 } });
        throw new Error("boom");
      },
    };
    await t.db.$transaction((tx) =>
      scheduleTimer(tx, { kind: "test.fail", dueAt: new Date(Date.now() - 1000), payload: {} }),
    );
    await runDueTimers(h, { db: t.db, limit: 1 });
    expect(await t.db.counter.findUnique({ where: { name: "should-not-exist" } })).toBeNull();
    const timer = await t.db.timer.findFirst({ where: { kind: "test.fail" } });
    expect(timer).toMatchObject({ status: "pending", attempts: 1, lastError: "boom" });
    expect(timer!.dueAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("runs a deadlock victim again at once without spending an attempt, and gives up on one that keeps losing", async () => {
    // Prisma's report of a PostgreSQL deadlock abort from a model query (P2034).
    const deadlock = () =>
      Object.assign(
        new Error(
          "Transaction failed due to a write conflict or a deadlock. Please retry your transaction",
        ),
        { code: "P2034" },
      );
    let calls = 0;
    const h: Record<string, TimerHandler> = {
      "test.victim": async (tx) => {
        await tx.counter.create({ data: { name: `victim-${calls}`, value: 1 } });
        if (calls++ === 0) throw deadlock();
      },
      "test.loser": async () => {
        throw deadlock();
      },
    };
    const due = new Date(Date.now() - 1000);
    await t.db.$transaction(async (tx) => {
      await scheduleTimer(tx, { kind: "test.victim", dueAt: due, payload: {} });
      await scheduleTimer(tx, { kind: "test.loser", dueAt: due, payload: {} });
    });
    await runDueTimers(h, { db: t.db, limit: 10 });
    expect(calls).toBe(2);
    expect(await t.db.counter.findUnique({ where: { name: "victim-0" } })).toBeNull();
    expect(await t.db.counter.findUnique({ where: { name: "victim-1" } })).not.toBeNull();
    expect(await t.db.timer.findFirst({ where: { kind: "test.victim" } })).toMatchObject({
      status: "done",
      attempts: 1,
      lastError: null,
    });
    const loser = await t.db.timer.findFirst({ where: { kind: "test.loser" } });
    expect(loser).toMatchObject({ status: "pending", attempts: 1 });
    expect(loser!.lastError).toContain("deadlock");
  });

  it("records a handler's failure against the timer it claimed, not another worker's older one", async () => {
    // Worker A holds the older timer (slow handler); worker B skips it, claims the newer one,
    // whose handler throws. Only the newer one may be charged with B's failure.
    let entered!: () => void;
    const inSlow = new Promise<void>((r) => (entered = r));
    let bDone: Promise<unknown> = new Promise(() => {});
    const h: Record<string, TimerHandler> = {
      "test.slow": async () => {
        entered();
        await Promise.race([bDone, new Promise((r) => setTimeout(r, 1_000))]);
      },
      "test.boom": async () => {
        throw new Error("boom");
      },
    };
    const due = new Date(Date.now() - 5_000);
    const slow = await t.db.$transaction((tx) =>
      scheduleTimer(tx, { kind: "test.slow", dueAt: due, payload: {} }),
    );
    const boom = await t.db.$transaction((tx) =>
      scheduleTimer(tx, { kind: "test.boom", dueAt: new Date(due.getTime() + 1), payload: {} }),
    );
    const a = runDueTimers(h, { db: t.db, limit: 1 });
    await inSlow;
    bDone = runDueTimers(h, { db: t.db, limit: 1 });
    await Promise.all([a, bDone]);
    expect(await t.db.timer.findUniqueOrThrow({ where: { id: slow.id } })).toMatchObject({
      status: "done",
      attempts: 1,
      lastError: null,
    });
    expect(await t.db.timer.findUniqueOrThrow({ where: { id: boom.id } })).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "boom",
    });
  });

  it("refuses to schedule a timer kind nothing would fire", async () => {
    await expect(
      t.db.$transaction((tx) =>
        scheduleTimer(tx, { kind: "test.unregistered", dueAt: new Date(), payload: {} }),
      ),
    ).rejects.toThrow(/no handler is registered for timer kind "test.unregistered"/);
    expect(await t.db.timer.count({ where: { kind: "test.unregistered" } })).toBe(0);
  });
});
