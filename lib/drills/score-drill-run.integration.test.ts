import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { seedDrillRun } from "../../test/drill-fixtures.ts";
import { verifyAudit } from "../audit/verify-audit.ts";
import { inTransaction } from "../db/transaction.ts";
import { compareDrillRuns } from "./compare-drill-runs.ts";
import { getDrillScore } from "./get-drill-score.ts";
import { scoreDrillRun } from "./score-drill-run.ts";

describeDb("drill scoring from the run's rows", (t) => {
  it("scores an ended run in drill time, keeps the score on the run and audits it", async () => {
    const { run } = await seedDrillRun(t.db, { key: "DRL-2026-0001" });
    const score = await inTransaction(t.db, (tx) => scoreDrillRun(tx, run.id));
    const by = Object.fromEntries(score.actions.map((a) => [a.id, a]));
    expect(by.ack).toMatchObject({ outcome: "on_time", actualSeconds: 90 });
    expect(by.approve).toMatchObject({ outcome: "late", actualSeconds: 540, lateBySeconds: 240 });
    expect(by.approve.why).toContain("the approval waited 7 m 30 s for commander (Dana Reyes)");
    expect(by.revoke).toMatchObject({ outcome: "missed" });
    expect(by.revoke.why).toContain(
      "failed on 1 host(s) (drl-2026-0001-drill-host-2: simulated failure)",
    );
    expect(by.revoke.why).toContain("waited on 1 host(s) that never answered");
    // (1 + 0.5·300/540 + 0) / 3
    expect(score.overall).toBe(43);

    const kept = await t.db.drillRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(kept.scoredAt).not.toBeNull();
    expect((kept.score as { overall: number }).overall).toBe(43);
    const audit = await t.db.auditEntry.findMany({ where: { action: "drill.scored" } });
    expect(audit).toHaveLength(1);
    expect((await verifyAudit(t.db)).ok).toBe(true);
    await expect(getDrillScore(run.id, t.db)).resolves.toMatchObject({
      live: false,
      score: { overall: 43 },
    });
  });

  it("scores a running drill live without writing anything", async () => {
    const { run, at } = await seedDrillRun(t.db, {
      key: "DRL-2026-0002",
      status: "running",
      approvedAtSecond: null,
    });
    const live = await getDrillScore(run.id, t.db, at(200));
    expect(live.live).toBe(true);
    const by = Object.fromEntries(live.score.actions.map((a) => [a.id, a]));
    expect(by.ack.outcome).toBe("on_time");
    // 170 s since the escape inject of a 300 s target: not due yet.
    expect(by.approve.outcome).toBe("pending");
    expect(by.revoke.outcome).toBe("pending");
    const row = await t.db.drillRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.score).toBeNull();
    expect(row.scoredAt).toBeNull();
    await expect(getDrillScore("not-a-uuid", t.db)).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(getDrillScore("00000000-0000-4000-8000-000000000000", t.db)).rejects.toMatchObject(
      { code: "not_found" },
    );
  });

  it("compares a run with the other scored runs of its scenario and marks an edited scenario", async () => {
    const older = await seedDrillRun(t.db, {
      key: "DRL-2026-0003",
      hash: "o".repeat(64),
      startedAt: Date.UTC(2026, 9, 1, 9),
      approvedAtSecond: 200,
    });
    const newer = await seedDrillRun(t.db, {
      key: "DRL-2026-0004",
      startedAt: Date.UTC(2026, 11, 1, 9),
    });
    for (const r of [older.run, newer.run])
      await inTransaction(t.db, (tx) => scoreDrillRun(tx, r.id));
    const c = await compareDrillRuns(newer.run.id, t.db);
    expect(c.targets.map((x) => [x.id, x.within])).toEqual([
      ["ack", 120],
      ["approve", 300],
      ["revoke", 600],
    ]);
    // Oldest first; the running DRL-2026-0002 has no score and is left out.
    expect(c.runs.map((r) => r.key)).toEqual(["DRL-2026-0003", "DRL-2026-0001", "DRL-2026-0004"]);
    expect(c.runs.map((r) => r.sameScenario)).toEqual([false, true, true]);
    expect(c.runs.map((r) => r.current)).toEqual([false, false, true]);
    // Approved at T+03:20 in the older run: 170 s after the escape, on time.
    expect(c.runs[0].actions.approve).toEqual({ actualSeconds: 170, outcome: "on_time" });
    expect(c.runs[2].actions.approve).toEqual({ actualSeconds: 540, outcome: "late" });
    expect(c.runs[0].overall).toBeGreaterThan(c.runs[2].overall);
  });
});
