// The sealer: entries are written unchained in their change's transaction and chained later,
// in order, exactly once — with concurrent writers, out-of-order commits and racing sealers.
import { afterEach, expect, it } from "vitest";
import { describeDb, testDatabaseUrl } from "../../test/db.ts";
import { connectDatabase, type Database } from "../db/connect.ts";
import { inTransaction } from "../db/transaction.ts";
import { appendAudit } from "./append-audit.ts";
import { startAuditSealer, stopAuditSealer } from "./audit-sealer.ts";
import { sealAllAudit, sealAudit } from "./seal-audit.ts";
import { verifyAudit } from "./verify-audit.ts";

const ACTOR = { type: "system" as const, label: "sealer test" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
class RolledBack extends Error {}

describeDb("audit sealer", (t) => {
  const pools: Database[] = [];
  // A pool of its own on the same schema: another instance, or many writer connections.
  const pool = async (poolMax: number) => {
    const d = await connectDatabase({
      kind: "postgres",
      url: testDatabaseUrl()!,
      schema: t.database.schema,
      poolMax,
    });
    pools.push(d);
    return d.prisma;
  };
  afterEach(async () => {
    await stopAuditSealer();
    await Promise.all(pools.splice(0).map((d) => d.close()));
    await t.sql.query(`DELETE FROM "ChainCheckpoint"`);
    await t.sql.query(`DELETE FROM "AuditEntry"`);
  });
  const append = (db: Parameters<typeof inTransaction>[0], details: Record<string, unknown>) =>
    inTransaction(db, (tx) => appendAudit(tx, { actor: ACTOR, action: "test.sealed", details }));
  const chain = () =>
    t.db.auditEntry.findMany({ orderBy: { id: "asc" }, select: { id: true, seq: true } });

  it("an entry exists at once, unchained; a round chains committed entries in insertion order, once", async () => {
    for (let i = 0; i < 3; i++) await append(t.db, { i });
    const unsealed = await t.db.auditEntry.findMany({ orderBy: { id: "asc" } });
    expect(unsealed.map((e) => [e.seq, e.hash, e.sealedAt])).toEqual(
      Array(3).fill([null, null, null]),
    );
    expect(await sealAudit(t.db)).toEqual({ sealed: 3, headSeq: 3, busy: false });
    expect((await chain()).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await sealAudit(t.db)).toEqual({ sealed: 0, headSeq: 3, busy: false });
    await append(t.db, { i: 3 });
    expect(await sealAudit(t.db)).toMatchObject({ sealed: 1, headSeq: 4 });
    expect(await verifyAudit(t.db)).toMatchObject({ ok: true, entries: 4, unsealed: 0 });
  });

  it("a half-sealed row is refused by the table itself", async () => {
    await append(t.db, {});
    await expect(t.sql.query(`UPDATE "AuditEntry" SET "seq" = 1`)).rejects.toThrow(
      /AuditEntry_sealed_check/,
    );
  });

  it("the server's loop seals on its own, and stops cleanly", async () => {
    startAuditSealer(20);
    await append(t.db, { loop: true });
    const deadline = Date.now() + 10_000;
    while ((await chain())[0]?.seq !== 1) {
      if (Date.now() > deadline) throw new Error("the sealer loop sealed nothing in 10 s");
      await sleep(20);
    }
    await stopAuditSealer();
    await append(t.db, { after: "stop" });
    await sleep(100);
    expect((await chain()).map((e) => e.seq)).toEqual([1, null]);
  });

  it.runIf(t.kind === "postgres")(
    "a transaction that began first and commits last is not skipped: it is sealed after it commits",
    async () => {
      const writers = await pool(4);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let inserted!: () => void;
      const didInsert = new Promise<void>((r) => (inserted = r));
      const early = inTransaction(writers, async (tx) => {
        await appendAudit(tx, { actor: ACTOR, action: "test.early" });
        inserted();
        await held;
      });
      await didInsert;
      await append(writers, { late: 1 });
      await append(writers, { late: 2 });
      // The early entry has the lowest id but is invisible: the round seals the two after it.
      expect(await sealAudit(t.db)).toMatchObject({ sealed: 2, headSeq: 2 });
      expect(await verifyAudit(t.db)).toMatchObject({ ok: true, entries: 2, unsealed: 0 });
      release();
      await early;
      expect(await sealAudit(t.db)).toMatchObject({ sealed: 1, headSeq: 3 });
      const early3 = await t.db.auditEntry.findFirstOrThrow({ where: { action: "test.early" } });
      expect(early3.seq).toBe(3);
      expect((await chain())[0].id).toBe(early3.id);
      expect(await verifyAudit(t.db)).toMatchObject({ ok: true, entries: 3 });
    },
  );

  it.runIf(t.kind === "postgres")(
    "two sealers racing on two pools never fork the chain or seal an entry twice",
    async () => {
      const other = await pool(4);
      const writers = await pool(6);
      for (let round = 0; round < 30; round++) {
        await Promise.all(Array.from({ length: 6 }, (_, i) => append(writers, { round, i })));
        await Promise.all([sealAudit(t.db), sealAudit(other), sealAudit(other, { wait: true })]);
      }
      await sealAllAudit(other);
      const rows = await chain();
      expect(rows).toHaveLength(180);
      expect(rows.map((r) => r.seq).sort((a, b) => a! - b!)).toEqual(
        Array.from({ length: 180 }, (_, i) => i + 1),
      );
      expect(await verifyAudit(t.db)).toMatchObject({ ok: true, entries: 180, unsealed: 0 });
    },
  );

  it.runIf(t.kind === "postgres")(
    "while one instance seals, another stands aside at once and writers do not wait",
    async () => {
      const other = await pool(4);
      await append(t.db, { first: true });
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let holding!: () => void;
      const isHolding = new Promise<void>((r) => (holding = r));
      // A round that holds the sealer lock until released.
      const slow = other.$transaction(async (tx) => {
        const r = await sealAudit(tx, { wait: true });
        holding();
        await held;
        return r;
      });
      await isHolding;
      const started = Date.now();
      await append(t.db, { during: true });
      expect(await sealAudit(t.db)).toEqual({ sealed: 0, headSeq: 0, busy: true });
      expect(Date.now() - started).toBeLessThan(5_000);
      release();
      expect(await slow).toMatchObject({ sealed: 1, headSeq: 1 });
      expect(await sealAudit(t.db)).toMatchObject({ sealed: 1, headSeq: 2, busy: false });
    },
  );

  it.runIf(t.kind === "postgres")(
    "20 connections × 50 transactions, some rolled back, some long, while two sealers run",
    async () => {
      const writers = await pool(20);
      const other = await pool(2);
      startAuditSealer(50);
      let done = false;
      // A second instance's sealer, on its own pool, racing the loop.
      const racer = (async () => {
        while (!done) {
          await sealAudit(other);
          await sleep(37);
        }
      })();
      const committed: string[] = [];
      await Promise.all(
        Array.from({ length: 20 }, async (_, w) => {
          for (let i = 0; i < 50; i++) {
            const key = `${w}.${i}`;
            try {
              await inTransaction(writers, async (tx) => {
                await appendAudit(tx, { actor: ACTOR, action: "test.load", details: { key } });
                // Long transactions took their id early and commit after many others.
                if (i % 10 === w % 10) await sleep(150);
                if (i % 7 === 3) throw new RolledBack();
              });
              committed.push(key);
            } catch (e) {
              if (!(e instanceof RolledBack)) throw e;
            }
          }
        }),
      );
      done = true;
      await racer;
      await stopAuditSealer();
      await sealAllAudit(t.db);
      const rows = await t.db.auditEntry.findMany({
        select: { seq: true, details: true, sealedAt: true },
      });
      const keys = rows.map((r) => (r.details as { key: string }).key);
      expect(keys.sort()).toEqual([...committed].sort());
      expect(rows.every((r) => r.sealedAt)).toBe(true);
      expect(rows.map((r) => r.seq!).sort((a, b) => a - b)).toEqual(
        Array.from({ length: committed.length }, (_, i) => i + 1),
      );
      expect(await verifyAudit(t.db)).toMatchObject({
        ok: true,
        entries: committed.length,
        unsealed: 0,
      });
    },
  );
});
