import { beforeAll, expect, it, vi } from "vitest";

// Off by default (it measured no better, see docs/BENCHMARKS.md); these tests are about it.
vi.hoisted(() => {
  process.env.BREAKWATER_GROUP_COMMIT_MS = "2";
});

import { describeDb, otherConnection } from "../../test/db.ts";
import { appendAudit } from "../audit/append-audit.ts";
import { subscribeChanges } from "./change-feed.ts";
import { groupCommit } from "./group-commit.ts";
import { beforeCommit, type Tx } from "./transaction.ts";

// Jobs queued in the same synchronous turn form one group, whatever the clock did meanwhile;
// later ones join while the oldest has waited less than BREAKWATER_GROUP_COMMIT_MS (2 ms).
const txid = async (tx: Tx) =>
  (await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT txid_current()::text AS id`))[0].id;
const insert = (tx: Tx, id: string) =>
  tx.$executeRawUnsafe(`INSERT INTO "GroupProbe" ("id") VALUES ($1)`, id);

describeDb("group commit", (t) => {
  const rows = async (prefix: string) =>
    (
      await t.sql.query<{ id: string }>(
        `SELECT "id" FROM "GroupProbe" WHERE "id" LIKE $1 ORDER BY "id"`,
        [`${prefix}%`],
      )
    ).map((r) => r.id);

  beforeAll(async () => {
    await t.sql.exec(`CREATE TABLE "GroupProbe" ("id" TEXT PRIMARY KEY)`);
  });

  it("jobs arriving together share one transaction and each gets its own result", async () => {
    const [a, b, c] = await Promise.all(
      ["a", "b", "c"].map((n) =>
        groupCommit(async (tx) => {
          await insert(tx, `share-${n}`);
          return { n, txid: await txid(tx) };
        }),
      ),
    );
    expect([a.n, b.n, c.n]).toEqual(["a", "b", "c"]);
    expect(new Set([a.txid, b.txid, c.txid]).size).toBe(1);
    expect(await rows("share-")).toEqual(["share-a", "share-b", "share-c"]);
  });

  it("jobs queued in one turn share a group even when the clock passes the window meanwhile", async () => {
    // A descheduled process: 5 ms pass between any two readings of the clock.
    const real = Date.now;
    let fake = real();
    const clock = vi.spyOn(Date, "now").mockImplementation(() => (fake += 5));
    let pending: Promise<string[]>;
    try {
      pending = Promise.all([1, 2].map(() => groupCommit((tx) => txid(tx))));
    } finally {
      clock.mockRestore();
    }
    expect(new Set(await pending).size).toBe(1);
  });

  it("a failing job rolls back alone: its rows, hooks and audit entries vanish, the others commit", async () => {
    const auditBefore = await t.db.auditEntry.count({ where: { action: { startsWith: "gc." } } });
    const hooksRan: string[] = [];
    const job = (n: string, fail: boolean) =>
      groupCommit(async (tx) => {
        await insert(tx, `fail-${n}`);
        await appendAudit(tx, { actor: { type: "system", label: "test" }, action: `gc.${n}` });
        beforeCommit(tx, async () => {
          hooksRan.push(n);
          await insert(tx, `fail-${n}-hook`);
        });
        if (fail) throw new Error(`job ${n} refused`);
        return txid(tx);
      });
    const out = await Promise.allSettled([job("a", false), job("b", true), job("c", false)]);
    expect(out.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((out[1] as PromiseRejectedResult).reason.message).toBe("job b refused");
    const [a, , c] = out as PromiseFulfilledResult<string>[];
    expect(a.value).toBe(c.value);
    // b's hook never ran: hooks run when the job's body succeeded, at the end of its savepoint.
    expect(hooksRan).toEqual(["a", "c"]);
    expect(await rows("fail-")).toEqual(["fail-a", "fail-a-hook", "fail-c", "fail-c-hook"]);
    const audit = await t.db.auditEntry.findMany({
      where: { action: { startsWith: "gc." } },
      select: { action: true },
      orderBy: { seq: "asc" },
    });
    expect(audit.length - auditBefore).toBe(2);
    expect(audit.slice(-2).map((e) => e.action)).toEqual(["gc.a", "gc.c"]);
  });

  it("a job whose hook throws rolls back alone too", async () => {
    const out = await Promise.allSettled([
      groupCommit(async (tx) => void (await insert(tx, "hook-a"))),
      groupCommit(async (tx) => {
        await insert(tx, "hook-b");
        beforeCommit(tx, async () => {
          throw new Error("hook refused");
        });
      }),
    ]);
    expect(out.map((o) => o.status)).toEqual(["fulfilled", "rejected"]);
    expect(await rows("hook-")).toEqual(["hook-a"]);
  });

  it("a job's failed statement does not poison the shared transaction", async () => {
    const out = await Promise.allSettled([
      groupCommit(async (tx) => void (await insert(tx, "dup-x"))),
      groupCommit(async (tx) => void (await insert(tx, "dup-x"))), // unique violation
      groupCommit(async (tx) => void (await insert(tx, "dup-y"))),
    ]);
    expect(out.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await rows("dup-")).toEqual(["dup-x", "dup-y"]);
  });

  it("a deadlock victim re-runs the whole group: every job once, nothing twice", async () => {
    let attempts = 0;
    const runs: string[] = [];
    const out = await Promise.all([
      groupCommit(async (tx) => {
        runs.push("a");
        await insert(tx, "retry-a");
        return "a";
      }),
      groupCommit(async (tx) => {
        runs.push("b");
        await insert(tx, "retry-b");
        if (attempts++ === 0)
          throw Object.assign(new Error("deadlock detected"), { code: "40P01" });
        return "b";
      }),
    ]);
    expect(out).toEqual(["a", "b"]);
    expect(runs).toEqual(["a", "b", "a", "b"]);
    expect(await rows("retry-")).toEqual(["retry-a", "retry-b"]);
  });

  it("callers answer after COMMIT: another connection sees the row, and change notes follow", async () => {
    // On PostgreSQL a connection of its own; PGlite has only the one.
    const other = t.kind === "postgres" ? await otherConnection(t.database) : null;
    const read = async (id: string) =>
      other
        ? (await other.query(`SELECT "id" FROM "GroupProbe" WHERE "id" = $1`, [id])).rowCount
        : (await rows(id)).length;
    const heard: string[] = [];
    const seenAtNote: number[] = [];
    const stop = subscribeChanges(["probe:seen-a", "probe:seen-b"], (k) => {
      heard.push(k);
      void read(k.slice("probe:".length)).then((n) => seenAtNote.push(n ?? 0));
    });
    try {
      const { noteChange } = await import("./change-feed.ts");
      const job = (n: string, fail = false) =>
        groupCommit(async (tx) => {
          await insert(tx, `seen-${n}`);
          noteChange(tx, `probe:seen-${n}`);
          if (fail) throw new Error("no");
          return n;
        }).then(
          async () => read(`seen-${n}`),
          () => -1,
        );
      const [a, b] = await Promise.all([job("a"), job("b", true)]);
      expect(a).toBe(1);
      expect(b).toBe(-1);
      await new Promise((r) => setTimeout(r, 50));
      // Only the committed job's note went out, and by then its row was readable.
      expect(heard).toEqual(["probe:seen-a"]);
      expect(seenAtNote).toEqual([1]);
    } finally {
      stop();
      await other?.end();
    }
  });
});
