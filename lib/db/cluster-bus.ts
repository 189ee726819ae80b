import "server-only";
import crypto from "node:crypto";
import pg from "pg";
import { logger } from "../log.ts";
import { processSingleton } from "../process-singleton.ts";
import { deliverLocal, listenedKeys, setChangeForwarder } from "./change-feed.ts";
import type { Database } from "./connect.ts";

// Several instances on one PostgreSQL act as one console: what one instance publishes on its
// change feed (a command for host X, incident Y changed) reaches the others through
// LISTEN/NOTIFY, with no broker beside the database. One dedicated connection per instance
// listens (outside the pool, so a busy pool never delays a wake-up); notes go out on the
// pool, coalesced per event-loop turn. Payloads carry keys (ids) only: the receiver re-reads.
// NOTIFY is best effort here by design: every consumer also re-checks (the long-poll's 1 s
// re-check, the pages' polling), so a lost note costs latency, never correctness.

const MAX_PAYLOAD = 7_000; // PostgreSQL's limit is 8000 bytes
const PING_MS = 30_000; // finds a half-open LISTEN connection that never reported an error
const MAX_BACKOFF_MS = 5_000;

export type ClusterBus = {
  /** Queues keys for the other instances (sent on the next turn of the event loop). */
  publish(keys: string[]): void;
  /** Resolves once the LISTEN is in place (tests, boot). */
  ready(): Promise<void>;
  /** The LISTEN connection's application_name, so an operator can find it in pg_stat_activity. */
  readonly applicationName: string;
  close(): Promise<void>;
};

type Message = { o: string; k: string[] };

/** The channel is per database and schema: test files share a database, one schema each. */
async function channelOf(client: pg.Client): Promise<string> {
  const r = await client.query<{ d: string; s: string }>(
    "SELECT current_database() AS d, current_schema() AS s",
  );
  const digest = crypto.createHash("sha256").update(`${r.rows[0].d}/${r.rows[0].s}`);
  return `breakwater_${digest.digest("hex").slice(0, 24)}`;
}

/** Opens the bus on `database` (PostgreSQL). Keys other instances publish go to `onKeys`. */
export function createClusterBus(
  database: Database,
  onKeys: (keys: string[]) => void,
  opts: { onReconnect?: () => void } = {},
): ClusterBus {
  const conn = database.connection;
  if (!conn) throw new Error("the cluster bus needs PostgreSQL");
  const origin = crypto.randomUUID();
  const applicationName = `breakwater-bus ${origin.slice(0, 8)}`;
  let channel: string | null = null;
  let client: pg.Client | null = null;
  let closed = false;
  let connectedOnce = false;
  let backoff = 100;
  let ping: NodeJS.Timeout | undefined;
  let readyResolve!: () => void;
  const readyP = new Promise<void>((r) => (readyResolve = r));
  const pending = new Set<string>();
  let flushQueued = false;

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({
      connectionString: conn.url,
      options: conn.options,
      application_name: applicationName,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    let lost = false;
    const onLost = (why: unknown) => {
      if (lost) return;
      lost = true;
      clearInterval(ping);
      if (client === c) client = null;
      c.end().catch(() => {});
      if (closed) return;
      logger.warn("cluster bus connection lost; reconnecting", { error: why, backoffMs: backoff });
      setTimeout(connect, backoff).unref();
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
    c.on("error", onLost);
    c.on("end", () => onLost("connection ended"));
    c.on("notification", (n) => {
      if (n.channel !== channel || !n.payload) return;
      try {
        const m = JSON.parse(n.payload) as Message;
        if (m.o !== origin && Array.isArray(m.k)) onKeys(m.k.filter((k) => typeof k === "string"));
      } catch (error) {
        logger.warn("cluster bus: unreadable payload", { error });
      }
    });
    try {
      await c.connect();
      channel ??= await channelOf(c);
      await c.query(`LISTEN "${channel}"`);
    } catch (e) {
      onLost(e);
      return;
    }
    if (closed) return void c.end().catch(() => {});
    client = c;
    backoff = 100;
    ping = setInterval(() => c.query("SELECT 1").catch(onLost), PING_MS);
    ping.unref();
    // Notes sent while we were not listening are gone: whoever waits re-reads once.
    if (connectedOnce) opts.onReconnect?.();
    connectedOnce = true;
    readyResolve();
  };

  const flush = async () => {
    flushQueued = false;
    if (!pending.size || !channel) return;
    const keys = [...pending];
    pending.clear();
    for (const chunk of chunks(keys)) {
      const payload = JSON.stringify({ o: origin, k: chunk } satisfies Message);
      await database.sql
        .query("SELECT pg_notify($1, $2)", [channel, payload])
        .catch((error) => logger.warn("cluster bus: NOTIFY failed", { error }));
    }
  };

  void connect();
  return {
    publish(keys) {
      if (closed) return;
      for (const k of keys) pending.add(k);
      if (flushQueued) return;
      flushQueued = true;
      setImmediate(() => void flush());
    },
    ready: () => readyP,
    applicationName,
    async close() {
      closed = true;
      clearInterval(ping);
      await flush();
      await client?.end().catch(() => {});
      client = null;
    },
  };
}

function chunks(keys: string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let size = 64;
  for (const k of keys) {
    if (cur.length && size + k.length + 3 > MAX_PAYLOAD) {
      out.push(cur);
      cur = [];
      size = 64;
    }
    cur.push(k);
    size += k.length + 3;
  }
  if (cur.length) out.push(cur);
  return out;
}

const bus = processSingleton("clusterBus", () => ({ current: null as ClusterBus | null }));

/** At boot on PostgreSQL: bridges this process's change feed to the other instances. On
 *  PGlite (one process by construction) there is nothing to bridge. */
export async function startClusterBus(database: Database): Promise<void> {
  if (database.kind !== "postgres" || bus.current) return;
  const b = createClusterBus(database, deliverLocal, {
    onReconnect: () => deliverLocal(listenedKeys()),
  });
  bus.current = b;
  setChangeForwarder((keys) => b.publish(keys));
  // Serve without it rather than not at all: until it listens, the re-checks carry wake-ups.
  const waited = await Promise.race([
    b.ready().then(() => true),
    new Promise<false>((r) => setTimeout(() => r(false), 5_000).unref()),
  ]);
  if (!waited) logger.warn("cluster bus not listening yet; wake-ups from other instances are late");
}

export async function stopClusterBus() {
  setChangeForwarder(null);
  await bus.current?.close();
  bus.current = null;
}
