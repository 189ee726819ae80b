// The cluster bus between two "instances" (two connections, two buses) on one PostgreSQL
// schema: keys cross within a wake-up's budget, never echo back to their sender, stay inside
// their schema, and survive the LISTEN connection being killed.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from "../../test/db.ts";
import { type ClusterBus, createClusterBus } from "./cluster-bus.ts";

const url = testDatabaseUrl();

function inbox() {
  const got: string[] = [];
  let waiting: { key: string; resolve: () => void } | null = null;
  return {
    got,
    onKeys(keys: string[]) {
      got.push(...keys);
      if (waiting && keys.includes(waiting.key)) waiting.resolve();
    },
    until(key: string, ms = 5_000) {
      if (got.includes(key)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`${key} never arrived`)), ms);
        waiting = { key, resolve: () => (clearTimeout(t), resolve()) };
      });
    },
  };
}

describe.skipIf(!url)("cluster bus [postgres]", () => {
  const open: { db: TestDatabase; bus: ClusterBus }[] = [];
  afterAll(async () => {
    for (const o of open) await o.bus.close();
    for (const o of open) await o.db.drop();
  });

  it("carries keys from one instance to another, not back to the sender, not across schemas; reconnects after losing its connection", async () => {
    const a = await createTestDatabase("postgres", { migrate: false });
    // B is A's schema seen through a second, independent connection pool.
    const b = {
      ...a,
      ...(await import("./connect.ts").then((m) =>
        m.connectDatabase({ kind: "postgres", url: url!, schema: a.schema, poolMax: 2 }),
      )),
    } as TestDatabase;
    const other = await createTestDatabase("postgres", { migrate: false });
    const [ia, ib, io] = [inbox(), inbox(), inbox()];
    let reconnects = 0;
    const busA = createClusterBus(a, ia.onKeys);
    const busB = createClusterBus(b, ib.onKeys, { onReconnect: () => reconnects++ });
    const busO = createClusterBus(other, io.onKeys);
    open.push({ db: a, bus: busA }, { db: b, bus: busB }, { db: other, bus: busO });
    await Promise.all([busA.ready(), busB.ready(), busO.ready()]);

    const started = performance.now();
    busA.publish(["host:1", "incident:2"]);
    await ib.until("incident:2");
    // Generous: a wake-up's budget is 200 ms, this machine is shared.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(ib.got).toEqual(["host:1", "incident:2"]);

    // Many keys in one turn are split under NOTIFY's payload limit and all arrive.
    const many = Array.from({ length: 600 }, (_, i) => `host:${"x".repeat(30)}-${i}`);
    busA.publish(many);
    await ib.until(many.at(-1)!);
    expect(ib.got.filter((k) => k.startsWith("host:x"))).toHaveLength(600);

    // B's listening backend dies: B reconnects, tells its waiters to re-read, and hears again.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const killed = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
      [busB.applicationName],
    );
    await admin.end();
    expect(killed.rowCount).toBe(1);
    const deadline = Date.now() + 10_000;
    while (reconnects === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(reconnects).toBe(1);
    busA.publish(["command:after-reconnect"]);
    await ib.until("command:after-reconnect");

    expect(ia.got).toEqual([]); // never its own keys
    expect(io.got).toEqual([]); // another schema hears nothing
  }, 60_000);
});
