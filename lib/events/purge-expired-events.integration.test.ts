// Raw-event retention (issue 16, growth): old events go in bounded batches from a durable
// timer, the incidents keep their counts, and dedupe holds for every event still kept.
import { expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.BREAKWATER_EVENT_RETENTION_DAYS = "30";
});

import { describeDb } from "../../test/db.ts";
import { createTestHost, ev } from "../../test/ingest-fixtures.ts";
import { inTransaction } from "../db/transaction.ts";
import { ensureRecurringTimer } from "../timers/recurring-timer.ts";
import { runDueTimers } from "../timers/run-due-timers.ts";
import { ingestEvents } from "./ingest-events.ts";
import {
  EVENT_RETENTION_TIMER,
  PURGE_BATCH,
  purgeExpiredEvents,
  purgeExpiredEventsTimer,
} from "./purge-expired-events.ts";

const DAY = 86_400_000;

describeDb("raw-event retention", (t) => {
  it("deletes old events in bounded batches, keeps the incident's counts and dedupes what it keeps", async () => {
    const h = await createTestHost(t.db);
    const plugin = { name: "retained", version: "1.0.0" };
    const events = Array.from({ length: 5 }, () => ev({ plugin }));
    const first = await ingestEvents(h, { events });
    const incidentId = first.incidentIds[0];
    // The three oldest rows (lowest ids) were received 40 days ago.
    const rows = await t.db.event.findMany({ orderBy: { id: "asc" }, select: { eventId: true } });
    const old = rows.slice(0, 3).map((r) => r.eventId);
    const kept = rows.slice(3).map((r) => r.eventId);
    await t.db.event.updateMany({
      where: { eventId: { in: old } },
      data: { receivedAt: new Date(Date.now() - 40 * DAY) },
    });

    const purge = () =>
      inTransaction(t.db, (tx) =>
        purgeExpiredEvents(tx, { retentionDays: 30, now: new Date(), batch: 2 }),
      );
    expect((await purge()).deleted).toBe(2); // bounded by the batch
    expect((await purge()).deleted).toBe(1); // the young row in the chunk stays
    expect((await purge()).deleted).toBe(0);
    const left = await t.db.event.findMany({ select: { eventId: true } });
    expect(left.map((r) => r.eventId).sort()).toEqual([...kept].sort());

    const incident = await t.db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    const onHost = await t.db.incidentHost.findUniqueOrThrow({
      where: { incidentId_hostId: { incidentId, hostId: h.id } },
    });
    expect([incident.eventCount, onHost.eventCount]).toEqual([5, 5]);
    const audit = await t.db.auditEntry.findMany({ where: { action: "events.purged" } });
    expect(audit.map((a) => (a.details as { deleted: number }).deleted)).toEqual([2, 1]);

    // A resend of a kept event is a duplicate; of a purged one (older than the retention),
    // it is stored again — the documented limit of dedupe.
    const byId = new Map(events.map((e) => [e.eventId, e]));
    const resend = await ingestEvents(h, { events: [byId.get(kept[0])!, byId.get(old[0])!] });
    expect([resend.accepted, resend.duplicates]).toEqual([1, 1]);
  });

  it("runs from its recurring timer: again a second later while a backlog remains, then hourly", async () => {
    const h = await createTestHost(t.db);
    await t.db.event.deleteMany({});
    // A backlog of one full batch and one more event, all received 40 days ago.
    await t.db.$executeRawUnsafe(
      `INSERT INTO "Event" ("hostId", "eventId", "type", "observedAt", "receivedAt", "severity", "contentHash")
       SELECT $1, gen_random_uuid(), 'quota_exceeded', now(), now() - interval '40 days', 'low', md5(g::text)
       FROM generate_series(1, $2::int) AS g`,
      h.id,
      PURGE_BATCH + 1,
    );
    await ensureRecurringTimer(t.db, EVENT_RETENTION_TIMER);
    const fire = async (now: Date) => {
      await runDueTimers(
        { [EVENT_RETENTION_TIMER]: purgeExpiredEventsTimer },
        { db: t.db, now: () => now },
      );
      const next = await t.db.timer.findFirstOrThrow({
        where: { kind: EVENT_RETENTION_TIMER, status: "pending" },
      });
      return { left: await t.db.event.count(), inMs: next.dueAt.getTime() - now.getTime() };
    };
    const now = new Date();
    expect(await fire(now)).toEqual({ left: 1, inMs: 1_000 });
    expect(await fire(new Date(now.getTime() + 1_000))).toEqual({ left: 0, inMs: 60 * 60_000 });
  });
});
