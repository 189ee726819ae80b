// The load phases of the ingest benchmark (bench/ingest.ts): batches of events from the
// enrolled fleet, sent closed-loop or open-loop to the real HTTP API, and the same rows
// inserted straight into the database as the ceiling.
import crypto from "node:crypto";
import pg from "pg";
import { backoffDelay } from "../agent/backoff.ts";
import { callAgentApi } from "../agent/http-client.ts";
import type { EventSource } from "../agent/scenarios.ts";
import type { WireEvent } from "../lib/protocol/events.ts";

export type Host = { id: string; token: string; source: EventSource };
type Batch = { host: Host; events: WireEvent[]; body: string };

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export function makeBatches(hosts: Host[], count: number, size: number): Batch[] {
  const out: Batch[] = [];
  for (let i = 0; i < count; i++) {
    const host = hosts[i % hosts.length];
    const now = Date.now();
    const events = Array.from({ length: size }, () => host.source.make(now)!); // bench hosts never quarantine: make() always yields
    out.push({ host, events, body: JSON.stringify({ events }) });
  }
  return out;
}

type PhaseResult = {
  requests: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  retries: number;
  errors: number;
};

function phaseResult(
  lat: number[],
  events: number,
  started: number,
  retries: number,
  errors: number,
): PhaseResult {
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: lat.length,
    events,
    seconds: round(seconds, 2),
    eventsPerSecond: Math.round(events / seconds),
    p50: round(pct(lat, 50)),
    p99: round(pct(lat, 99)),
    max: round(Math.max(...lat)),
    retries,
    errors,
  };
}

/** One batch to POST /events, sent again while the server asks for a retry, after the delay
 *  the reference agent waits (Retry-After plus jitter, agent/backoff.ts), until `giveUp()`
 *  says the batch is dropped. Retrying sooner than the protocol asks made an overloaded
 *  server spend its CPU answering 429s (14,328 of them in one 17 s phase). */
async function sendBatch(
  server: string,
  b: Batch,
  onRetry: () => void,
  giveUp: () => boolean = () => false,
): Promise<{ kind: "ok"; accepted: number; ms: number } | { kind: "error" | "dropped" }> {
  for (let attempt = 0; ; attempt++) {
    const r = await callAgentApi<{ accepted: number }>(
      { server, token: b.host.token },
      "POST",
      "/events",
      undefined,
      b.body,
    );
    if (r.kind === "ok") return { kind: "ok", accepted: r.body.accepted, ms: r.ms };
    if (r.kind !== "retry") return { kind: "error" };
    onRetry();
    if (giveUp()) return { kind: "dropped" };
    await new Promise((res) => setTimeout(res, backoffDelay(attempt, r.retryAfterMs)));
  }
}

/** Closed loop: `concurrency` senders, each sends its next batch when the last one returns. */
export async function closedLoop(
  server: string,
  batches: Batch[],
  concurrency: number,
  maxMs: number,
): Promise<PhaseResult> {
  const lat: number[] = [];
  let next = 0;
  let events = 0;
  let retries = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length && performance.now() < deadline) {
        const r = await sendBatch(server, batches[next++], () => retries++);
        if (r.kind === "ok") {
          lat.push(r.ms);
          events += r.accepted;
        } else errors++;
      }
    }),
  );
  return phaseResult(lat, events, started, retries, errors);
}

/** Open loop at a fixed offered rate: requests leave on schedule whether or not earlier ones
 *  returned, and latency counts from the scheduled time (no coordinated omission). */
export async function openLoop(
  server: string,
  batches: Batch[],
  perSecond: number,
): Promise<PhaseResult & { offeredEventsPerSecond: number; late: number; dropped: number }> {
  const lat: number[] = [];
  let events = 0;
  let errors = 0;
  let retries = 0;
  const interval = 1000 / perSecond;
  const started = performance.now();
  // Bounded: a batch still refused 5 s after the last one was due is counted as dropped.
  const giveUpAt = started + batches.length * interval + 5000;
  let dropped = 0;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < batches.length; i++) {
    const at = started + i * interval;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      sendBatch(
        server,
        batches[i],
        () => retries++,
        () => performance.now() > giveUpAt,
      ).then((r) => {
        if (r.kind === "ok") {
          lat.push(performance.now() - at);
          events += r.accepted;
        } else if (r.kind === "dropped") dropped++;
        else errors++;
      }),
    );
  }
  await Promise.all(inflight);
  const size = batches[0]?.events.length ?? 0;
  return {
    ...phaseResult(lat, events, started, retries, errors),
    offeredEventsPerSecond: perSecond * size,
    late: lat.filter((x) => x > 150).length,
    dropped,
  };
}

/** The physical ceiling: the same rows, the same unnest INSERT the server uses, straight
 *  into a copy of the Event table (same indexes and unique key), same concurrency. */
export async function ceiling(
  databaseUrl: string,
  batches: Batch[],
  concurrency: number,
  maxMs: number,
): Promise<PhaseResult> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
  await pool.query(`CREATE TABLE "bench_ceiling" (LIKE "Event" INCLUDING ALL)`);
  const lat: number[] = [];
  let next = 0;
  let events = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length && performance.now() < deadline) {
        const b = batches[next++];
        const t0 = performance.now();
        const e = b.events;
        const r = await pool.query(
          `INSERT INTO "bench_ceiling" ("hostId", "eventId", "type", "observedAt", "severity", "pluginName", "pluginVersion", "pluginSha256", "details", "contentHash", "incidentId")
           SELECT $1, u.eid::uuid, u.typ::"EventType", u.obs::timestamp(3), u.sev::"Severity", u.pn, u.pv, u.ps, u.det::jsonb, u.ch, u.inc
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
             AS u(eid, typ, obs, sev, pn, pv, ps, det, ch, inc)
           ON CONFLICT ("hostId", "eventId") DO NOTHING`,
          [
            b.host.id,
            e.map((x) => x.eventId),
            e.map((x) => x.type),
            e.map((x) => x.observedAt.replace("Z", "")),
            e.map((x) => x.severity ?? "medium"),
            e.map((x) => x.plugin?.name ?? null),
            e.map((x) => x.plugin?.version ?? null),
            e.map((x) => x.plugin?.sha256 ?? null),
            e.map((x) => (x.details ? JSON.stringify(x.details) : null)),
            e.map((x) => crypto.createHash("sha256").update(JSON.stringify(x)).digest("hex")),
            e.map(() => null),
          ],
        );
        lat.push(performance.now() - t0);
        events += r.rowCount ?? 0;
      }
    }),
  );
  const result = phaseResult(lat, events, started, 0, 0);
  await pool.end();
  return result;
}
