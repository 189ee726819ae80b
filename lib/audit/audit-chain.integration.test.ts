import { expect, it } from "vitest";
import { describeDb } from "../../test/db.ts";
import { appendAudit } from "./append-audit.ts";
import { verifyAudit } from "./verify-audit.ts";

describeDb("audit chain", (t) => {
  it("verifies an intact chain and names the first tampered entry", async () => {
    for (let i = 0; i < 5; i++) {
      await t.db.$transaction((tx) =>
        appendAudit(tx, {
          actor: { type: "system", label: "test" },
          action: "test.event",
          details: { i },
        }),
      );
    }
    expect(await verifyAudit(t.db)).toEqual({
      ok: true,
      entries: 5,
      unsealed: 0,
      oldestUnsealedSeconds: null,
    });

    // Someone with database access rewrites history at seq 3.
    await t.sql.query(`UPDATE "AuditEntry" SET "details" = '{"i": 99}' WHERE seq = 3`);
    const r = await verifyAudit(t.db);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ brokenSeq: 3, entries: 2 });
  });

  it("detects a deleted entry", async () => {
    await t.sql.query(`UPDATE "AuditEntry" SET "details" = '{"i": 2}' WHERE seq = 3`); // restore from the test above
    expect((await verifyAudit(t.db)).ok).toBe(true);
    await t.sql.query(`DELETE FROM "AuditEntry" WHERE seq = 4`);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: false, brokenSeq: 4 });
  });

  it("rolls the entry back with the change it records", async () => {
    const before = await t.db.auditEntry.count();
    await expect(
      t.db.$transaction(async (tx) => {
        await appendAudit(tx, {
          actor: { type: "system", label: "test" },
          action: "test.rolled_back",
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await t.db.auditEntry.count()).toBe(before);
  });
});
