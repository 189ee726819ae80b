import { expect, it } from "vitest";
import { describeDb, otherConnection } from "../../test/db.ts";
import { createTestHost, ev } from "../../test/ingest-fixtures.ts";
import { inTransaction } from "../db/transaction.ts";
import { ingestEvents } from "../events/ingest-events.ts";

// Two batches joining the same two incidents must lock them in one order, or each can hold
// one and wait for the other. That deadlock was real: 10 and 12 in the 100-event phases of
// two bench:ingest runs, each stalling every batch for those incidents for deadlock_timeout (1 s).
// PostgreSQL only: PGlite has one connection, so nothing can hold a row meanwhile.
describeDb("writeCorrelatedBatch's lock order", (t) => {
  it.runIf(t.kind === "postgres")(
    "holds every joined incident before the one it waits for, whatever order the plan visits them in",
    async () => {
      const reporter = await createTestHost(t.db);
      const plugin = (name: string) => ({ name, version: "1.0.0" });
      const opened = await ingestEvents(reporter, {
        events: [ev({ plugin: plugin("lock-order-a") }), ev({ plugin: plugin("lock-order-b") })],
      });
      expect(opened.incidentIds).toHaveLength(2);
      const [low, high] = [...opened.incidentIds].sort();
      // A new row version of the lower id lands after the higher one in the heap, so a
      // sequential scan (forced below) meets `high` first.
      await t.sql.query(`UPDATE "Incident" SET "updatedAt" = "updatedAt" WHERE "id" = $1`, [low]);

      const holder = await otherConnection(t.database);
      const probe = await otherConnection(t.database);
      try {
        await holder.query("BEGIN");
        await holder.query(`SELECT 1 FROM "Incident" WHERE "id" = $1 FOR NO KEY UPDATE`, [high]);

        const other = await createTestHost(t.db);
        const joining = inTransaction(t.db, async (tx) => {
          await tx.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
          await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
          return ingestEvents(
            other,
            {
              events: [
                ev({ plugin: plugin("lock-order-b") }),
                ev({ plugin: plugin("lock-order-a") }),
              ],
            },
            { db: tx },
          );
        });

        // The batch is blocked on `high` (the holder has it). Has it taken `low` already?
        let lowTaken = false;
        for (let i = 0; i < 200 && !lowTaken; i++) {
          await probe.query("BEGIN");
          try {
            await probe.query(`SELECT 1 FROM "Incident" WHERE "id" = $1 FOR NO KEY UPDATE NOWAIT`, [
              low,
            ]);
          } catch (e) {
            if ((e as { code?: string }).code !== "55P03") throw e;
            lowTaken = true;
          } finally {
            await probe.query("ROLLBACK");
          }
          if (!lowTaken) await new Promise((r) => setTimeout(r, 25));
        }
        await holder.query("ROLLBACK");
        const joined = await joining;

        expect(lowTaken).toBe(true);
        expect([...joined.incidentIds].sort()).toEqual([low, high]);
        const counts = await t.db.incident.findMany({
          where: { id: { in: [low, high] } },
          select: { eventCount: true },
        });
        expect(counts.map((c) => c.eventCount)).toEqual([2, 2]);
      } finally {
        await holder.end();
        await probe.end();
      }
    },
  );
});
