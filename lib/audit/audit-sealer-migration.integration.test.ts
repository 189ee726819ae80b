// Entries chained before the sealer existed migrate as sealed, keeping seq and hash exactly:
// their chain still verifies and new entries chain on after them.
import fs from "node:fs";
import { afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_DATA_DIR = `/tmp/bw-sealer-migration-test-${process.pid}`;
});

import { backends, createTestDatabase } from "../../test/db.ts";
import { useDatabase } from "../db/index.ts";
import { applyMigrations, readMigrations } from "../db/migrate.ts";
import { inTransaction } from "../db/transaction.ts";
import { dataDir } from "../env.ts";
import { appendAudit } from "./append-audit.ts";
import { GENESIS_HASH, hashAuditEntry } from "./hash-entry.ts";
import { verifyAudit } from "./verify-audit.ts";

const SEALER_MIGRATION = "20261204010000_audit_sealer";

afterAll(() => fs.rmSync(dataDir(), { recursive: true, force: true }));

for (const kind of backends()) {
  describe(`audit sealer migration [${kind}]`, () => {
    it("keeps an existing chain as sealed entries that verify, and chains new ones after them", async () => {
      (await import("../server/register-handlers.ts")).registerHandlers();
      const db = await createTestDatabase(kind, { migrate: false });
      try {
        const all = readMigrations();
        await applyMigrations(
          db.sql,
          all.filter((m) => m.name < SEALER_MIGRATION),
        );
        let prevHash = GENESIS_HASH;
        for (let seq = 1; seq <= 3; seq++) {
          const at = new Date(Date.UTC(2026, 10, 20, 12, 0, seq));
          const f = {
            seq,
            at: at.toISOString(),
            actorType: "system",
            actorId: null,
            actorLabel: "old server",
            action: "test.before_sealer",
            targetType: null,
            targetId: null,
            details: { seq },
            prevHash,
          };
          const hash = hashAuditEntry(f);
          await db.sql.query(
            `INSERT INTO "AuditEntry" ("seq", "at", "actorType", "actorLabel", "action", "details", "prevHash", "hash")
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [
              seq,
              at,
              f.actorType,
              f.actorLabel,
              f.action,
              JSON.stringify(f.details),
              prevHash,
              hash,
            ],
          );
          prevHash = hash;
        }
        await applyMigrations(db.sql, all);
        useDatabase(db);
        const old = await db.prisma.auditEntry.findMany({ orderBy: { id: "asc" } });
        expect(old.map((r) => [Number(r.id), r.seq, r.sealedAt?.getTime()])).toEqual(
          old.map((r) => [r.seq, r.seq, r.at.getTime()]),
        );
        expect(old[2].hash).toBe(prevHash);
        expect(await verifyAudit(db.prisma)).toMatchObject({ ok: true, entries: 3 });

        await inTransaction(db.prisma, (tx) =>
          appendAudit(tx, { actor: { type: "system", label: "new" }, action: "test.after" }),
        );
        expect(await verifyAudit(db.prisma)).toMatchObject({ ok: true, entries: 4, unsealed: 0 });
        const added = await db.prisma.auditEntry.findFirstOrThrow({
          where: { action: "test.after" },
        });
        expect([Number(added.id), added.seq, added.prevHash]).toEqual([4, 4, prevHash]);
      } finally {
        await db.drop();
      }
    });
  });
}
