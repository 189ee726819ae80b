// A restart into a fleet's backlog: every ingest slot is taken by a batch whose transaction is
// stuck on a lock. /api/health must still answer at once — a load balancer that gets no answer
// takes the instance out, which turns a backlog into an outage. PostgreSQL only: PGlite has one
// connection, so nothing outside the server can hold a lock against it.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "../../app/api/agent/v1/events/route.ts";
import { GET as health } from "../../app/api/health/route.ts";
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from "../../test/db.ts";
import { agentRequest, createTestHost, ev } from "../../test/ingest-fixtures.ts";
import { useDatabase } from "../db/index.ts";
import { env } from "../env.ts";
import { ingestLimits } from "../http/with-ingest-limit.ts";

const ctx = { params: Promise.resolve({}) };

describe.runIf(testDatabaseUrl())("ingest leaves the pool headroom [postgres]", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    (await import("../server/register-handlers.ts")).registerHandlers();
    // The pool the server opens, not the tests' smaller one: the point is how ingest shares it.
    database = await createTestDatabase("postgres", { poolMax: env.BREAKWATER_DB_POOL_SIZE });
    useDatabase(database);
  });
  afterAll(() => database?.drop());

  it("answers /api/health while every ingest slot waits on the database, and refuses the batch after the last slot", async () => {
    const limits = ingestLimits();
    expect(limits.admitted).toBeGreaterThan(env.BREAKWATER_DB_POOL_SIZE); // the defaults: 16 over 10
    expect(limits.running).toBeLessThan(env.BREAKWATER_DB_POOL_SIZE);
    const h = await createTestHost(database.prisma);
    // Batches above the group-commit size (lib/db/group-commit.ts): each is a transaction of
    // its own, so each stalled one holds a connection, as a backlog of big batches does.
    const post = () =>
      POST(
        agentRequest("/api/agent/v1/events", h.token, {
          events: Array.from({ length: 25 }, () => ev()),
        }) as never,
        ctx as never,
      );
    // A share lock on the Event table, held from outside in an open transaction, stalls every
    // batch at its insert, inside its transaction with its connection held, as a slow database
    // would (reads still pass, so /api/health is not blocked by the lock itself).
    // The incident exists first, so the stalled batches join it and take no correlation-key
    // lock: each of them waits on the table lock itself, where it can be counted.
    expect((await post()).status).toBe(200);
    const blocker = new pg.Client({ connectionString: testDatabaseUrl() });
    await blocker.connect();
    const table = `"${database.schema}"."Event"`;
    await blocker.query("BEGIN");
    await blocker.query(`LOCK TABLE ${table} IN SHARE MODE`);
    const waitingOnLock = async () =>
      Number(
        (
          await blocker.query(
            `SELECT count(*) AS n FROM pg_locks
              WHERE locktype = 'relation' AND NOT granted AND relation = $1::regclass`,
            [table],
          )
        ).rows[0].n,
      );
    let settled = 0;
    let batches: Promise<Response>[] = [];
    try {
      batches = Array.from({ length: limits.admitted }, () => post().finally(() => settled++));
      const deadline = Date.now() + 10_000;
      while ((await waitingOnLock()) < limits.running && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 200));
      // As many batches hold a connection as the running limit allows, not the whole pool.
      expect(await waitingOnLock()).toBe(limits.running);

      const started = Date.now();
      const res = await health();
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok" });
      expect(Date.now() - started).toBeLessThan(1000);

      const refused = await post();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(settled).toBe(0);
    } finally {
      await blocker.query("COMMIT");
      await blocker.end();
    }
    const answers = await Promise.all(batches);
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    expect(await database.prisma.event.count({ where: { hostId: h.id } })).toBe(
      (limits.admitted + 1) * 25,
    );
  });
});
