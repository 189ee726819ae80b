// Signed checkpoints anchor the heads of the audit log and of each artifact's custody chain:
// cutting the tail or rewriting-and-rehashing a whole chain no longer verifies, the minute
// timer never blesses a cut chain, and `npm run audit:verify` / `custody:verify` say so.
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeEach, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_DATA_DIR = `/tmp/bw-checkpoint-test-${process.pid}`;
});

import { describeDb } from "../../test/db.ts";
import { runAdminCommand } from "../admin/run-admin-command.ts";
import {
  CUSTODY_CHECKPOINT_TIMER,
  checkpointCustodyChains,
} from "../artifacts/checkpoint-custody.ts";
import {
  appendCustody,
  custodyChain,
  hashCustodyEntry,
  verifyCustody,
} from "../artifacts/custody.ts";
import { dataDir } from "../env.ts";
import { rotateSigningKey } from "../key-rotation/rotate-signing-key.ts";
import { ensureRecurringTimer } from "../timers/recurring-timer.ts";
import { runDueTimers } from "../timers/run-due-timers.ts";
import { appendAudit } from "./append-audit.ts";
import { AUDIT_CHECKPOINT_TIMER, checkpointAuditChain } from "./checkpoint-timer.ts";
import { GENESIS_HASH, hashAuditEntry } from "./hash-entry.ts";
import { sealAllAudit } from "./seal-audit.ts";
import { AUDIT_CHAIN, verifyAudit } from "./verify-audit.ts";

const SYSTEM = { type: "system" as const, label: "test" };

describeDb("chain checkpoints", (t) => {
  afterAll(() => fs.rmSync(dataDir(), { recursive: true, force: true }));
  beforeEach(async () => {
    await t.sql.query(`DELETE FROM "ChainCheckpoint"`);
    await t.sql.query(`DELETE FROM "AuditEntry"`);
    await t.sql.query(`DELETE FROM "Timer"`);
  });

  // Appends n entries and seals them, as the server's sealer loop would within a second.
  const audit = async (n: number) => {
    for (let i = 0; i < n; i++)
      await t.db.$transaction((tx) =>
        appendAudit(tx, { actor: SYSTEM, action: "test.event", details: { i } }),
      );
    await sealAllAudit(t.db);
  };
  const bw = (...argv: string[]) =>
    runAdminCommand(argv, { db: t.db, actor: SYSTEM, now: new Date() });
  const checkpoints = (chain: string) =>
    t.db.chainCheckpoint.findMany({ where: { chain }, orderBy: { id: "asc" } });

  it("audit log, tail deleted: verify reports the entries after the last remaining seq as missing", async () => {
    await audit(6);
    expect(await verifyAudit(t.db)).toEqual({
      ok: true,
      entries: 6,
      unsealed: 0,
      oldestUnsealedSeconds: null,
    });
    const [cp] = await checkpoints(AUDIT_CHAIN);
    expect(cp).toMatchObject({ headSeq: 6 });

    await t.sql.query(`DELETE FROM "AuditEntry" WHERE "seq" > 4`);
    const r = await verifyAudit(t.db);
    expect(r).toMatchObject({ ok: false, entries: 4, brokenSeq: 5 });
    expect(r.ok === false && r.reason).toBe(
      `entries after seq 4 are missing (checkpoint ${cp.id} of ${cp.at.toISOString()} covers up to seq 6)`,
    );
    // The failed verify wrote no checkpoint of the cut chain.
    expect(await checkpoints(AUDIT_CHAIN)).toHaveLength(1);
    const cli = await bw("audit", "verify");
    expect(cli).toMatchObject({ exitCode: 1 });
    expect(cli.output).toContain("entries after seq 4 are missing");

    // New entries after the cut do not paper over it: seq 5 and 6 now hold other hashes.
    await audit(3);
    const again = await verifyAudit(t.db);
    expect(again).toMatchObject({ ok: false, brokenSeq: 6 });
    expect(again.ok === false && again.reason).toContain(
      `chain rewritten since checkpoint ${cp.id}`,
    );
  });

  it("audit log, whole chain rewritten and rehashed consistently: verify reports the chain rewritten since the checkpoint", async () => {
    await audit(5);
    expect((await verifyAudit(t.db)).ok).toBe(true);
    const [cp] = await checkpoints(AUDIT_CHAIN);

    // Someone with database access edits entry 2 and recomputes every hash after it, so each
    // link holds again: without a checkpoint this verified as intact.
    const rows = await t.db.auditEntry.findMany({ orderBy: { seq: "asc" } });
    let prevHash = GENESIS_HASH;
    for (const r of rows) {
      const details = r.seq === 2 ? { i: 99 } : r.details;
      const hash = hashAuditEntry({ ...r, seq: r.seq!, at: r.at.toISOString(), details, prevHash });
      await t.db.auditEntry.update({
        where: { id: r.id },
        data: { details: details as never, prevHash, hash },
      });
      prevHash = hash;
    }
    const r = await verifyAudit(t.db);
    expect(r).toMatchObject({ ok: false, entries: 5, brokenSeq: 5 });
    expect(r.ok === false && r.reason).toBe(
      `chain rewritten since checkpoint ${cp.id} of ${cp.at.toISOString()}: entry 5 no longer has the hash it was checkpointed with`,
    );
  });

  it("a checkpoint not signed by a server key is refused, and one signed by a since-rotated key still verifies", async () => {
    await audit(3);
    expect((await verifyAudit(t.db)).ok).toBe(true);
    await rotateSigningKey(SYSTEM); // appends entry 4; the checkpoint of 3 was signed by the old key
    expect(await verifyAudit(t.db)).toEqual({
      ok: true,
      entries: 4,
      unsealed: 0,
      oldestUnsealedSeconds: null,
    });
    const forger = crypto.generateKeyPairSync("ed25519").privateKey;
    const latest = (await checkpoints(AUDIT_CHAIN)).at(-1)!;
    await t.db.chainCheckpoint.create({
      data: {
        chain: AUDIT_CHAIN,
        headSeq: 9,
        headHash: "f".repeat(64),
        at: new Date(),
        kid: latest.kid,
        signature: crypto.sign(null, Buffer.from("x"), forger).toString("base64url"),
      },
    });
    const r = await verifyAudit(t.db);
    expect(r.ok === false && r.reason).toMatch(
      /^checkpoint \d+ does not carry a valid signature by a server key$/,
    );
  });

  it("the minute timer checkpoints a grown chain, never a cut one, and keeps exactly one run pending", async () => {
    await audit(3);
    await ensureRecurringTimer(t.db, AUDIT_CHECKPOINT_TIMER);
    await ensureRecurringTimer(t.db, AUDIT_CHECKPOINT_TIMER);
    const handlers = { [AUDIT_CHECKPOINT_TIMER]: checkpointAuditChain };
    let now = new Date(Date.now() + 1000);
    expect(await runDueTimers(handlers, { db: t.db, now: () => now })).toBe(1);
    expect((await checkpoints(AUDIT_CHAIN)).map((c) => c.headSeq)).toEqual([3]);
    const pending = await t.db.timer.findMany({
      where: { kind: AUDIT_CHECKPOINT_TIMER, status: "pending" },
    });
    expect(pending).toHaveLength(1);
    expect(pending[0].dueAt.getTime()).toBe(now.getTime() + 60_000);

    await audit(2);
    now = new Date(now.getTime() + 61_000);
    expect(await runDueTimers(handlers, { db: t.db, now: () => now })).toBe(1);
    expect((await checkpoints(AUDIT_CHAIN)).map((c) => c.headSeq)).toEqual([3, 5]);

    // Cut the tail and let it grow back past the checkpoint: the timer refuses to bless it.
    await t.sql.query(`DELETE FROM "AuditEntry" WHERE "seq" > 4`);
    await audit(3);
    now = new Date(now.getTime() + 61_000);
    expect(await runDueTimers(handlers, { db: t.db, now: () => now })).toBe(1);
    expect((await checkpoints(AUDIT_CHAIN)).map((c) => c.headSeq)).toEqual([3, 5]);
    // One run pending, and only the last fired one kept: the timer table does not grow.
    expect(
      await t.db.timer.groupBy({
        by: ["status"],
        where: { kind: AUDIT_CHECKPOINT_TIMER },
        _count: { _all: true },
      }),
    ).toEqual(
      expect.arrayContaining([
        { status: "pending", _count: { _all: 1 } },
        { status: "done", _count: { _all: 1 } },
      ]),
    );
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, brokenSeq: 5 });
  });

  async function artifactWithChain(links: number) {
    const a = await t.db.artifact.create({
      data: {
        filename: "dump.bin",
        kind: "process_dump",
        sizeBytes: 1n,
        sha256: "0".repeat(64),
        storageBackend: "local",
        storageKey: crypto.randomUUID(),
        collectedAt: new Date(),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    for (let i = 0; i < links; i++)
      await t.db.$transaction((tx) =>
        appendCustody(tx, a.id, { action: i === 0 ? "collected" : "viewed", actor: SYSTEM }),
      );
    return a.id;
  }

  it("custody chain, tail deleted: verify and custody:verify report the missing entries", async () => {
    const id = await artifactWithChain(4);
    // The timer checkpoints it (as it would within a minute of the last touch).
    await ensureRecurringTimer(t.db, CUSTODY_CHECKPOINT_TIMER);
    await runDueTimers(
      { [CUSTODY_CHECKPOINT_TIMER]: checkpointCustodyChains },
      { db: t.db, now: () => new Date(Date.now() + 1000) },
    );
    const [cp] = await checkpoints(custodyChain(id));
    expect(cp).toMatchObject({ headSeq: 4 });

    await t.sql.query(`DELETE FROM "CustodyEntry" WHERE "artifactId" = $1 AND "seq" > 2`, [id]);
    expect(await verifyCustody(id, t.db)).toMatchObject({
      ok: false,
      entries: 2,
      brokenSeq: 3,
      reason: expect.stringMatching(
        /^entries after seq 2 are missing \(checkpoint \d+ of .* covers up to seq 4\)$/,
      ),
    });
    const cli = await bw("custody", "verify", "--artifact", id);
    expect(cli).toMatchObject({ exitCode: 1 });
    expect(cli.output).toContain("entries after seq 2 are missing");
  });

  it("custody chain, whole chain rewritten and rehashed consistently: verify reports the chain rewritten since the checkpoint", async () => {
    const id = await artifactWithChain(3);
    expect(await verifyCustody(id, t.db)).toEqual({ ok: true, entries: 3 }); // and checkpoints it
    const rows = await t.db.custodyEntry.findMany({
      where: { artifactId: id },
      orderBy: { seq: "asc" },
    });
    let prevHash = GENESIS_HASH;
    for (const r of rows) {
      const ip = r.seq === 1 ? "203.0.113.66" : r.ip;
      const hash = hashCustodyEntry({ ...r, at: r.at.toISOString(), ip, prevHash });
      await t.db.custodyEntry.update({
        where: { artifactId_seq: { artifactId: id, seq: r.seq } },
        data: { ip, prevHash, hash },
      });
      prevHash = hash;
    }
    expect(await verifyCustody(id, t.db)).toMatchObject({
      ok: false,
      brokenSeq: 3,
      reason: expect.stringMatching(
        /^chain rewritten since checkpoint \d+ of .*: entry 3 no longer has the hash/,
      ),
    });
    const cli = await bw("custody", "verify");
    expect(cli).toMatchObject({ exitCode: 1 });
    expect(cli.output).toContain("chain rewritten since checkpoint");
  });
});
